package io.clickstream.jobs;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A dataset of the warehouse under its one name: the directory {@code ROOT/zone/name/dt=D} (for a table, holding its versions), the Avro schema its
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

    /**
     * The same table in the zone's audit database ({@code clean_audit.page_views}): a run's new versions are registered
     * there and checked before {@code warehouse publish} switches {@link #table()}, which analysts read, to them.
     */
    public String auditTable() {
        return zone + "_audit." + name;
    }

    /**
     * The same table in the zone's hourly database ({@code clean_hourly.page_views}), partitioned by day and hour: the
     * provisional hours of a streamed source ({@link HourlyRun}), for the tables in {@link Datasets#HOURLY}.
     */
    public String hourlyTable() {
        return zone + "_hourly." + name;
    }

    public Path partition(Path root, LocalDate dt) {
        return Warehouse.partition(root, zone, name, dt);
    }

    /** An hour of a day's partition, {@code dt=D/hour=HH}: where streamed raw data lands. */
    public Path hour(Path root, LocalDate dt, int hour) {
        return new Path(partition(root, dt), String.format(java.util.Locale.ROOT, "hour=%02d", hour));
    }

    /**
     * What the stages read of day {@code dt}: its newest committed version ({@link PartitionCommit#current}); the
     * day's directory itself when it has none (raw files, forwarded late lines, or a day not written yet, which a
     * missing-input message then names).
     */
    public Path current(Configuration conf, Path root, LocalDate dt) throws IOException {
        Path day = partition(root, dt);
        Path version = PartitionCommit.current(conf, day);
        return version != null ? version : day;
    }

    public String ddlResource() {
        return "ddl/" + table() + ".hql";
    }

    public String checksResource() {
        return "ddl/" + table() + ".checks";
    }
}
