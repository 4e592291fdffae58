package io.clickstream.jobs;

import static io.clickstream.jobs.Warehouse.CLEAN;
import static io.clickstream.jobs.Warehouse.MARTS;
import static io.clickstream.jobs.Warehouse.QUARANTINE;
import static io.clickstream.jobs.Warehouse.RAW;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of the warehouse's datasets, as data: the stages find their inputs and outputs here, Hive's tables
 * and partition registration, the data dictionary and the dashboard's run status derive from it, and
 * {@code DatasetCatalogueTest} checks the coordinator's datasets, the schemas, the DDL and the README against it.
 * Adding a dataset: an entry here, its {@code .avsc}, its DDL and checks (see CONTRIBUTING.md).
 */
public final class Datasets {

    /** Where {@code clean-events} forwards a late event's line, to the run of its own day. */
    public static final String LATE = "late";

    public static final Dataset RAW_ACCESS_LOGS = new Dataset(RAW, "access_logs", null, "ingest",
            List.of("clean-access-logs", "reclean-late-page-views"));
    public static final Dataset RAW_EVENTS = new Dataset(RAW, "events", null, "ingest",
            List.of("clean-events", "reclean-late-events"));
    public static final Dataset RAW_CUSTOMERS = new Dataset(RAW, "customers", null, "ingest", List.of("clean-dimension"));
    public static final Dataset RAW_PRODUCTS = new Dataset(RAW, "products", null, "ingest", List.of("clean-dimension"));

    public static final Dataset CUSTOMERS = new Dataset(CLEAN, "customers", "customer", "clean-dimension",
            List.of("customer-history"));
    public static final Dataset QUARANTINED_CUSTOMERS = quarantine("customers", "clean-dimension");
    public static final Dataset PRODUCTS = new Dataset(CLEAN, "products", "product", "clean-dimension",
            List.of("orders"));
    public static final Dataset QUARANTINED_PRODUCTS = quarantine("products", "clean-dimension");
    public static final Dataset PAGE_VIEWS = new Dataset(CLEAN, "page_views", "page_view", "clean-access-logs",
            List.of("sessionize"));
    public static final Dataset QUARANTINED_ACCESS_LOGS = quarantine("access_logs", "clean-access-logs");
    public static final Dataset EVENTS = new Dataset(CLEAN, "events", "event", "clean-events", List.of("orders"));
    public static final Dataset QUARANTINED_EVENTS = quarantine("events", "clean-events");
    public static final Dataset LATE_EVENTS = new Dataset(LATE, "events", null, "clean-events",
            List.of("clean-events", "reclean-late-events"));

    public static final Dataset SESSIONIZED_PAGE_VIEWS = new Dataset(MARTS, "sessionized_page_views",
            "sessionized_page_view", "sessionize", List.of("marts"));
    public static final Dataset SESSIONS = new Dataset(MARTS, "sessions", "session", "sessionize",
            List.of("orders", "marts", "restate-previous-day"));
    public static final Dataset CUSTOMER_HISTORY = new Dataset(MARTS, "customer_history", "customer_history",
            "customer-history", List.of("orders", "customer-history"));
    public static final Dataset ORDERS = new Dataset(MARTS, "orders", "order", "orders", List.of("marts"));
    public static final Dataset TRAFFIC_BY_HOUR = mart("traffic_by_hour");
    public static final Dataset PAGES_BY_DAY = mart("pages_by_day");
    public static final Dataset CHANNELS_BY_DAY = mart("channels_by_day");
    public static final Dataset FUNNEL_BY_DAY = mart("funnel_by_day");
    public static final Dataset REVENUE_BY_SEGMENT = mart("revenue_by_segment");

    /** Every dataset; the Hive tables among them in the order their DDL is applied. */
    public static final List<Dataset> ALL = List.of(RAW_ACCESS_LOGS, RAW_EVENTS, RAW_CUSTOMERS, RAW_PRODUCTS,
            CUSTOMERS, QUARANTINED_CUSTOMERS, PRODUCTS, QUARANTINED_PRODUCTS, PAGE_VIEWS, QUARANTINED_ACCESS_LOGS,
            EVENTS, QUARANTINED_EVENTS, LATE_EVENTS, SESSIONIZED_PAGE_VIEWS, SESSIONS, CUSTOMER_HISTORY, ORDERS,
            TRAFFIC_BY_HOUR, PAGES_BY_DAY, CHANNELS_BY_DAY, FUNNEL_BY_DAY, REVENUE_BY_SEGMENT);

    /** The Hive tables, in the order their DDL is applied. */
    public static final List<Dataset> TABLES = ALL.stream().filter(Dataset::inHive).toList();

    /**
     * The tables streamed sources also fill hour by hour ({@link HourlyRun}): their provisional hours are in the zone's
     * hourly database ({@link Dataset#hourlyTable()}), partitioned by day and hour.
     */
    public static final List<Dataset> HOURLY = List.of(PAGE_VIEWS, EVENTS);

    /** Views over the tables, applied after them. */
    public static final List<String> VIEWS = List.of("analytics.page_views", "analytics.orders",
            "analytics.session_page_views");

    private Datasets() {
    }

    /** @throws IllegalArgumentException when the catalogue has no such dataset */
    public static Dataset of(String zone, String name) {
        return find(zone, name)
                .orElseThrow(() -> new IllegalArgumentException("no dataset " + zone + "/" + name + " in the catalogue"));
    }

    public static Optional<Dataset> find(String zone, String name) {
        return ALL.stream().filter(d -> d.zone().equals(zone) && d.name().equals(name)).findFirst();
    }

    private static Dataset quarantine(String source, String writtenBy) {
        return new Dataset(QUARANTINE, source, "quarantine_record", writtenBy, List.of("analysts"));
    }

    private static Dataset mart(String name) {
        return new Dataset(MARTS, name, name, "marts", List.of("dashboard", "analysts"));
    }
}
