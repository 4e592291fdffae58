package io.clickstream.dimensions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A {@code jdbc:postgresql:} URL checked to carry no secret: the password comes from the environment or a Hadoop
 * credential provider, never from a URL that ends up in job configurations, logs and shell histories. Refused: a
 * user-info part ({@code //user:pass@host}), and any parameter that holds a password ({@code password},
 * {@code sslpassword}), however its name is percent-encoded or cased (the driver decodes names). No message repeats what follows
 * the host, so a refused URL's secret is never echoed.
 */
public final class JdbcUrl {

    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrl() {
    }

    /** {@code url} itself when it is safe to use and show; else an {@link IllegalArgumentException} without it. */
    public static String requireWithoutSecret(String url, String secretFrom) {
        String why = problem(url);
        if (why != null) {
            throw new IllegalArgumentException("--jdbc-url " + why + "; the password comes from " + secretFrom);
        }
        return url;
    }

    private static String problem(String url) {
        if (!url.startsWith(PREFIX)) {
            return "must be a " + PREFIX + " URL";
        }
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) < 0x21 || url.charAt(i) == 0x7f) {
                return "holds a space or control character";
            }
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String location = query >= 0 ? rest.substring(0, query) : rest;
        if (location.indexOf('@') >= 0 || location.indexOf('%') >= 0) {
            return "must not carry user-info or encoded characters before its parameters (as in //user:password@host)";
        }
        if (query < 0) {
            return null;
        }
        for (String parameter : rest.substring(query + 1).split("&", -1)) {
            String name = decode(parameter.indexOf('=') >= 0 ? parameter.substring(0, parameter.indexOf('=')) : parameter);
            if (name == null) {
                return "has a parameter name that is not valid percent-encoding";
            }
            String plain = name.strip().toLowerCase(Locale.ROOT);
            if (plain.contains("password")) {
                return "must not carry the parameter '" + plain + "'";
            }
        }
        return null;
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
