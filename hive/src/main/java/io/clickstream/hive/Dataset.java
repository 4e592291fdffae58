package io.clickstream.hive;

import io.clickstream.jobs.Warehouse;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * A dataset of the warehouse under its one name: the Hive table {@code zone.name} over the directory
 * {@code ROOT/zone/name}, with its DDL and checks in {@code hql/ddl/zone.name.(hql|checks)}.
 */
public record Dataset(String zone, String name) {

    /** Every table, in the order their DDL is applied. Add a dataset here and next to its DDL. */
    public static final List<Dataset> ALL = List.of(
            new Dataset(Warehouse.CLEAN, "customers"),
            new Dataset(Warehouse.QUARANTINE, "customers"),
            new Dataset(Warehouse.CLEAN, "products"),
            new Dataset(Warehouse.QUARANTINE, "products"),
            new Dataset(Warehouse.CLEAN, "page_views"),
            new Dataset(Warehouse.QUARANTINE, "access_logs"),
            new Dataset(Warehouse.CLEAN, "events"),
            new Dataset(Warehouse.QUARANTINE, "events"),
            new Dataset(Warehouse.MARTS, "sessionized_page_views"),
            new Dataset(Warehouse.MARTS, "sessions"),
            new Dataset(Warehouse.MARTS, "customer_history"),
            new Dataset(Warehouse.MARTS, "orders"),
            new Dataset(Warehouse.MARTS, "traffic_by_hour"),
            new Dataset(Warehouse.MARTS, "pages_by_day"),
            new Dataset(Warehouse.MARTS, "channels_by_day"),
            new Dataset(Warehouse.MARTS, "funnel_by_day"),
            new Dataset(Warehouse.MARTS, "revenue_by_segment"));

    /** Views over the tables, applied after them. */
    public static final List<String> VIEWS = List.of("analytics.page_views", "analytics.orders",
            "analytics.session_page_views");

    public String table() {
        return zone + "." + name;
    }

    public Path partition(Path warehouse, LocalDate dt) {
        return Warehouse.partition(warehouse, zone, name, dt);
    }

    public String ddlResource() {
        return "ddl/" + table() + ".hql";
    }

    public String checksResource() {
        return "ddl/" + table() + ".checks";
    }
}
