package io.clickstream.jobs.sessions;

import io.clickstream.jobs.Settings;
import io.clickstream.sessions.Behaviour;
import io.clickstream.sessions.UserAgents;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** How the sessionize tasks read their bot rules: the User-Agent rules (from a configured regexes.yaml) and behaviour. */
public final class SessionizeSettings {

    private SessionizeSettings() {
    }

    /** @throws IllegalArgumentException naming the setting when the configured regexes cannot be read or parsed */
    public static UserAgents userAgents(Configuration conf) {
        int cacheSize = Settings.SESSIONS_USER_AGENT_CACHE.get(conf);
        String regexes = Settings.SESSIONS_USER_AGENT_REGEXES.get(conf);
        if (regexes.isEmpty()) {
            return new UserAgents(cacheSize, null, Settings.SESSIONS_BOT_AGENTS.get(conf));
        }
        Path path = new Path(regexes);
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            return new UserAgents(cacheSize, in, Settings.SESSIONS_BOT_AGENTS.get(conf));
        } catch (IOException e) {
            throw new IllegalArgumentException(Settings.SESSIONS_USER_AGENT_REGEXES + "=" + regexes + " cannot be read: " + e, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Settings.SESSIONS_USER_AGENT_REGEXES + "=" + regexes
                    + " is not a uap-core regexes.yaml: " + e.getMessage(), e);
        }
    }

    static Behaviour.Rules behaviour(Configuration conf) {
        return new Behaviour.Rules(Settings.SESSIONS_BOT_PAGE_VIEWS_PER_MINUTE.get(conf),
                Settings.SESSIONS_BOT_BURST_PAGE_VIEWS.get(conf));
    }
}
