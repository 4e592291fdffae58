package io.clickstream.jobs;

import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * A dataset of the warehouse under its one name: the directory {@code ROOT/zone/name/dt=D}, the Avro schema its
 * records follow ({@code src/main/avro/<schema>.avsc}, null for raw files), the Hive table {@code zone.name} (when
 * it has a schema) with its DDL and checks in {@code hql/ddl/zone.name.(hql|checks)}, the command that writes it
 * and the ones that read it. Declared once, in {@link Datasets}.
 */
public record Dataset(String zone, String name, String schema, String writtenBy, List<String> readBy) {

    /** Every dataset is partitioned by UTC day. */
    public static final List<String> PARTITION_KEYS = List.of("dt");

    /** Raw files and forwarded late lines are not Hive tables; everything with a schema is. */
    public boolean inHive() {
        return schema != null;
    }

    /** The Hive database: the zone. */
    public String database() {
        return zone;
    }

    public String table() {
        return zone + "." + name;
    }

    public Path partition(Path root, LocalDate dt) {
        return Warehouse.partition(root, zone, name, dt);
    }

    public String ddlResource() {
        return "ddl/" + table() + ".hql";
    }

    public String checksResource() {
        return "ddl/" + table() + ".checks";
    }
}
