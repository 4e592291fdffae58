package io.clickstream.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HiveVarsTest {

    @Test
    void valuesAreSubstitutedOnlyAfterTheyPassTheirCheck() {
        HiveVars vars = new HiveVars().set("dt", "2026-11-24").set("limit", "10").set("warehouse", "hdfs://nn:8020/data/cs");
        assertEquals("SELECT * FROM t WHERE dt = '2026-11-24' LIMIT 10 -- hdfs://nn:8020/data/cs",
                vars.substitute("SELECT * FROM t WHERE dt = '${hivevar:dt}' LIMIT ${hivevar:limit} -- ${hivevar:warehouse}", "q"));
    }

    @Test
    void injectionAttemptsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("dt", "2026-11-24' OR '1'='1"));
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("limit", "10; DROP TABLE clean.page_views"));
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("warehouse", "file:///tmp/x'; DROP"));
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("table", "page_views;"));
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("gap_ms", "1800000 OR 1=1"));
        assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("burst_count", "-1"));
        assertEquals("1764633600000", new HiveVars().set("day_start_ms", "1764633600000").asMap().get("day_start_ms"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HiveVars().set("dt", "2026-02-30"));
        assertTrue(e.getMessage().contains("2026-02-30"), e.getMessage());
    }

    @Test
    void aMissingVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HiveVars().substitute("SELECT ${hivevar:from}", "visitors_per_day"));
        assertEquals("visitors_per_day needs --hivevar from=...", e.getMessage());
    }

    @Test
    void scriptsSplitIntoStatementsWithoutComments() {
        HqlScript script = new HqlScript("x", "-- header\nSET a=1;\n\nSELECT 1\nFROM t;\n-- trailing\n");
        assertEquals(java.util.List.of("SET a=1", "SELECT 1\nFROM t"), script.statements(new HiveVars()));
    }
}
