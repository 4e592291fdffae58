package io.clickstream.ingest.kafka;

/** What {@code land-kafka}'s tasks did with the records they read. */
public enum LandKafkaCounter {
    RECORDS, LANDED, LATE, QUARANTINED, OFFSET_GAPS
}
