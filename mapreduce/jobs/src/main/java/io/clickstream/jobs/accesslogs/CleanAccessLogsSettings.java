package io.clickstream.jobs.accesslogs;

import io.clickstream.accesslog.AccessLogCleaner;
import io.clickstream.accesslog.LogFormat;
import java.time.ZoneId;
import java.util.List;
import org.apache.hadoop.fs.Path;
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

    /**
     * The cleaner a task uses on {@code file}, with the formats the rules give it; the hashing key travels in the
     * job's credentials, never in job.xml.
     */
    static AccessLogCleaner cleaner(Configuration conf, Credentials credentials, String file) {
        IpAnonymizer.Mode mode = Settings.IP_ANONYMIZE.get(conf);
        byte[] key = mode == IpAnonymizer.Mode.HASH ? hashKey(conf, credentials) : null;
        ZoneId zone = Settings.ACCESS_LOGS_TIME_ZONE.get(conf);
        List<LogFormat> formats = Settings.ACCESS_LOGS_FORMATS.get(conf).withLocalZone(zone)
                .formatsFor(new Path(file).toUri().getPath(), Settings.ACCESS_LOGS_FORMAT.get(conf).withLocalZone(zone));
        return new AccessLogCleaner(formats, file, IpAnonymizer.of(mode, key), Settings.ACCESS_LOGS_STATIC_FILES.get(conf),
                Settings.ACCESS_LOGS_MAX_LINE_BYTES.get(conf));
    }

    /**
     * The key from the job's credentials; failing that, from where the driver looked it up. Hadoop's LocalJobRunner
     * starts a job's thread before it hands the job its credentials ({@code submitJob} sets them once the constructor,
     * which starts the thread, has returned), so a local task can begin with none.
     */
    private static byte[] hashKey(Configuration conf, Credentials credentials) {
        byte[] key = credentials != null ? credentials.getSecretKey(IP_HASH_KEY_TOKEN) : null;
        return key != null ? key : Settings.IP_HASH_KEY.lookup(conf);
    }
}
