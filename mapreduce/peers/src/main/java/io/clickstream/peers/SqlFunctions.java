package io.clickstream.peers;

import io.clickstream.jobs.Settings;
import io.clickstream.jobs.sessions.SessionizeSettings;
import io.clickstream.sessions.Channels;
import io.clickstream.sessions.UserAgents;
import io.clickstream.sessions.Visitors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.types.DataTypes;

/**
 * The jobs' rules that SQL has no word for, as Spark SQL functions: a peer written by a data engineer would call the
 * same library (a visitor's fingerprint, uap-core's verdict on a User-Agent, the channel of a referer) rather than
 * rewrite it. In local mode the functions run in this JVM: one User-Agent cache for all tasks.
 */
final class SqlFunctions {

    private static UserAgents agents;
    private static Channels channels;

    private SqlFunctions() {
    }

    static void register(SparkSession spark, Configuration conf) {
        agents = SessionizeSettings.userAgents(conf);
        channels = new Channels(Settings.SESSIONS_OWN_HOSTS.get(conf));
        spark.udf().register("visitor_id", (UDF2<String, String, String>) (ip, agent) ->
                Visitors.id(Visitors.key(ip, agent)), DataTypes.StringType);
        spark.udf().register("session_id", (UDF3<String, String, Long, String>) (ip, agent, start) ->
                Visitors.sessionId(Visitors.key(ip, agent), start), DataTypes.StringType);
        spark.udf().register("agent_field", (UDF2<String, String, String>) (agent, field) ->
                agents.classify(agent).field(field), DataTypes.StringType);
        spark.udf().register("channel", (UDF2<String, String, String>) (referer, query) ->
                channels.classify(referer, query).label(), DataTypes.StringType);
    }
}
