package io.clickstream.jobs.accesslogs;

import io.clickstream.accesslog.AccessLogCleaner;
import io.clickstream.jobs.Settings;
import io.clickstream.privacy.IpAnonymizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/** How the clean-access-logs driver and mapper read their settings; the hashing key travels in the job's credentials. */
final class CleanAccessLogsSettings {

    static final Text IP_HASH_KEY_TOKEN = new Text(Settings.IP_HASH_KEY.key());

    private CleanAccessLogsSettings() {
    }

    /** The cleaner a task uses; the hashing key travels in the job's credentials, never in job.xml. */
    static AccessLogCleaner cleaner(Configuration conf, Credentials credentials) {
        IpAnonymizer.Mode mode = Settings.IP_ANONYMIZE.get(conf);
        byte[] key = mode == IpAnonymizer.Mode.HASH && credentials != null ? credentials.getSecretKey(IP_HASH_KEY_TOKEN) : null;
        return new AccessLogCleaner(Settings.ACCESS_LOGS_FORMAT.get(conf), IpAnonymizer.of(mode, key),
                Settings.ACCESS_LOGS_MAX_LINE_BYTES.get(conf));
    }
}
