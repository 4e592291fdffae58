package io.clickstream.jobs.sessions;

import io.clickstream.sessions.Channels;
import io.clickstream.sessions.SessionRules;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** The sessionize job's configuration keys and their defaults. */
public final class SessionizeSettings {

    public static final String GAP_MINUTES = "clickstream.sessions.gap-minutes";
    public static final String LOOKAHEAD_HOURS = "clickstream.sessions.lookahead-hours";
    /** The shop's own host names, comma-separated: referers from them are internal. */
    public static final String OWN_HOSTS = "clickstream.sessions.own-hosts";
    public static final String DEFAULT_OWN_HOSTS = "shop.example.com";
    public static final String USER_AGENT_CACHE = "clickstream.sessions.user-agent-cache";
    static final String RUN_DATE = "clickstream.sessions.run-date";

    private SessionizeSettings() {
    }

    /** @throws IllegalArgumentException naming the key when a value is out of range */
    public static SessionRules rules(Configuration conf) {
        SessionRules defaults = SessionRules.DEFAULT;
        return defaults.with(Duration.ofMinutes(conf.getLong(GAP_MINUTES, defaults.gap().toMinutes())),
                Duration.ofHours(conf.getLong(LOOKAHEAD_HOURS, defaults.lookahead().toHours())));
    }

    public static Channels channels(Configuration conf) {
        return new Channels(List.of(conf.getTrimmedStrings(OWN_HOSTS, DEFAULT_OWN_HOSTS)));
    }

    static LocalDate runDate(Configuration conf) {
        return LocalDate.parse(conf.get(RUN_DATE));
    }
}
