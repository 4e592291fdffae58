package io.clickstream.jobs.accesslogs;

import io.clickstream.accesslog.AccessLogCleaner;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.privacy.IpAnonymizer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;

/** The clean-access-logs job's configuration keys, their defaults, and how driver and mapper read them. */
public final class CleanAccessLogsSettings {

    /** A preset name (common, combined, vhost_combined, nginx_combined) or the server's format string. */
    public static final String FORMAT = "clickstream.access-logs.format";
    public static final String DEFAULT_FORMAT = "combined";
    /** none, truncate or hash. */
    public static final String IP_ANONYMIZE = "clickstream.ip.anonymize";
    public static final String DEFAULT_IP_ANONYMIZE = "truncate";
    /** Credential alias of the IP hashing key; the environment variable is the fallback. */
    public static final String IP_HASH_KEY_ALIAS = "clickstream.ip.hash.key";
    public static final String IP_HASH_KEY_ENV = "CLICKSTREAM_IP_HASH_KEY";
    public static final String MAX_LINE_BYTES = "clickstream.access-logs.max-line-bytes";
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    /** The UTC day being cleaned, set by the driver for the tasks. */
    static final String PARTITION_DATE = "clickstream.partition.date";

    static final Text IP_HASH_KEY_TOKEN = new Text(IP_HASH_KEY_ALIAS);

    private CleanAccessLogsSettings() {
    }

    public static LogFormat format(Configuration conf) {
        return LogFormat.of(conf.get(FORMAT, DEFAULT_FORMAT));
    }

    public static IpAnonymizer.Mode anonymization(Configuration conf) {
        return IpAnonymizer.mode(conf.get(IP_ANONYMIZE, DEFAULT_IP_ANONYMIZE));
    }

    public static int maxLineBytes(Configuration conf) {
        int max = conf.getInt(MAX_LINE_BYTES, DEFAULT_MAX_LINE_BYTES);
        if (max < 256) {
            throw new IllegalArgumentException(MAX_LINE_BYTES + " must be at least 256, not " + max);
        }
        return max;
    }

    /** The cleaner a task uses; the hashing key travels in the job's credentials, never in job.xml. */
    static AccessLogCleaner cleaner(Configuration conf, Credentials credentials) {
        IpAnonymizer.Mode mode = anonymization(conf);
        byte[] key = mode == IpAnonymizer.Mode.HASH && credentials != null ? credentials.getSecretKey(IP_HASH_KEY_TOKEN) : null;
        return new AccessLogCleaner(format(conf), IpAnonymizer.of(mode, key), maxLineBytes(conf));
    }
}
