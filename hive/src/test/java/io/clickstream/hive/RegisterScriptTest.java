package io.clickstream.hive;

import io.clickstream.jobs.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Oozie workflow's registration script registers exactly the datasets the warehouse knows. */
class RegisterScriptTest {

    @Test
    void registersEveryDatasetAtItsOwnLocation() {
        List<String> statements = HqlScript.resource("register_partitions.hql")
                .statements(new HiveVars().set("dt", "2026-11-24").set("warehouse", "hdfs://nn/data/cs"));
        assertEquals(Datasets.TABLES.stream().map(d -> "ALTER TABLE " + d.table() + " ADD IF NOT EXISTS PARTITION"
                + " (dt='2026-11-24') LOCATION 'hdfs://nn/data/cs/" + d.zone() + "/" + d.name() + "/dt=2026-11-24'")
                .collect(Collectors.toList()), statements);
    }
}
