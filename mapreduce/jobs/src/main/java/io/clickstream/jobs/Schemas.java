package io.clickstream.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/**
 * The shared .avsc files exactly as written in {@code src/main/avro}. Jobs write with these rather than
 * with the generated classes' schemas, which carry Java-only properties: Hive reads with the same files
 * (avro.schema.url) and, finding writer and reader schema equal, does not re-encode every record.
 */
public final class Schemas {

    public static final Schema PAGE_VIEW = load("page_view.avsc");
    public static final Schema SESSIONIZED_PAGE_VIEW = load("sessionized_page_view.avsc");
    public static final Schema SESSION = load("session.avsc");
    public static final Schema CUSTOMER_HISTORY = load("customer_history.avsc");
    public static final Schema ORDER = load("order.avsc");
    public static final Schema QUARANTINE_RECORD = load("quarantine_record.avsc");
    public static final Schema EVENT = load("event.avsc");
    public static final Schema CUSTOMER = load("customer.avsc");
    public static final Schema PRODUCT = load("product.avsc");

    private Schemas() {
    }

    public static InputStream open(String file) {
        InputStream in = Schemas.class.getResourceAsStream("/avro/" + file);
        if (in == null) {
            throw new IllegalStateException("schema " + file + " is missing from the job jar");
        }
        return in;
    }

    public static Schema load(String file) {
        try (InputStream in = open(file)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
