package io.clickstream.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;

/**
 * Secrets come from a Hadoop credential provider ({@code hadoop.security.credential.provider.path}) or,
 * failing that, from an environment variable; never from a configuration file and never logged.
 */
public final class Secrets {

    private Secrets() {
    }

    /** The secret under {@code alias}, or null when neither a credential provider nor {@code envVar} has it. */
    public static byte[] lookup(Configuration conf, String alias, String envVar) {
        try {
            char[] fromProvider = conf.getPasswordFromCredentialProviders(alias);
            if (fromProvider != null) {
                return new String(fromProvider).getBytes(StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read credential '" + alias + "' from the credential providers", e);
        }
        String fromEnv = System.getenv(envVar);
        return fromEnv == null || fromEnv.isEmpty() ? null : fromEnv.getBytes(StandardCharsets.UTF_8);
    }
}
