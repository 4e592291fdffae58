package io.clickstream.hive.peer;

import io.clickstream.jobs.Settings;
import io.clickstream.jobs.sessions.SessionizeSettings;
import io.clickstream.sessions.Channels;
import io.clickstream.sessions.UserAgents;
import io.clickstream.sessions.Visitors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.UDF;

/**
 * The jobs' rules that HQL has no word for, as Hive functions (the same ones the Spark SQL peer calls): a visitor's
 * id, a session's id, a User-Agent's fields and verdict, a referer's channel. With the default settings.
 * {@code CREATE TEMPORARY FUNCTION visitor_id AS 'io.clickstream.hive.peer.HiveFunctions$VisitorId'}, and so on.
 */
@SuppressWarnings("deprecation")
public final class HiveFunctions {

    private static final Configuration CONF = new Configuration();
    private static final UserAgents AGENTS = SessionizeSettings.userAgents(CONF);
    private static final Channels CHANNELS = new Channels(Settings.SESSIONS_OWN_HOSTS.get(CONF));

    /** The functions and their classes, for CREATE TEMPORARY FUNCTION. */
    public static final java.util.Map<String, Class<? extends UDF>> ALL = java.util.Map.of(
            "visitor_id", VisitorId.class, "session_id", SessionId.class, "agent_field", AgentField.class,
            "channel", Channel.class);

    private HiveFunctions() {
    }

    /** {@code visitor_id(client_ip, user_agent)}. */
    public static final class VisitorId extends UDF {
        public String evaluate(String clientIp, String userAgent) {
            return Visitors.id(Visitors.key(clientIp, userAgent));
        }
    }

    /** {@code session_id(client_ip, user_agent, start_ms)}. */
    public static final class SessionId extends UDF {
        public String evaluate(String clientIp, String userAgent, Long startMillis) {
            return Visitors.sessionId(Visitors.key(clientIp, userAgent), startMillis);
        }
    }

    /** {@code agent_field(user_agent, 'device_class')}: browser_family, browser_version, os_family, device_class, bot_reason. */
    public static final class AgentField extends UDF {
        public String evaluate(String userAgent, String field) {
            return AGENTS.classify(userAgent).field(field);
        }
    }

    /** {@code channel(referer, query)} of a session's first page view. */
    public static final class Channel extends UDF {
        public String evaluate(String referer, String query) {
            return CHANNELS.classify(referer, query).label();
        }
    }
}
