package io.clickstream.jobs.accesslogs;

import io.clickstream.avro.QuarantineRecord;
import java.io.IOException;

/** Where a task puts the records it cannot accept. */
interface QuarantineSink {
    void write(QuarantineRecord record) throws IOException, InterruptedException;
}
