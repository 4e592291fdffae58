package io.clickstream.accesslog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a request was, by one definition that sessions, marts and the dashboard share. A <b>page view</b> is a
 * {@code GET} or {@code POST} answered {@code 200} or {@code 304} for a path that is not a static file; every other
 * request is still kept, classed as a static file ({@code asset}: by extension or path, configurable), a
 * {@code redirect} (3xx but 304), an {@code error} (4xx, 5xx) or {@code other} (HEAD, OPTIONS, an invalid request
 * line, 1xx, other 2xx such as a beacon's 204). Errors are classed before assets: a missing image is an error.
 */
public enum RequestClass {
    PAGE, ASSET, REDIRECT, ERROR, OTHER;

    /** The static files of a typical site: styles, scripts, images, fonts, media, and the files robots fetch. */
    public static final String DEFAULT_STATIC_FILES = ".css,.js,.mjs,.map,.json,.png,.jpg,.jpeg,.gif,.svg,.ico,.webp,.avif,"
            + ".bmp,.woff,.woff2,.ttf,.otf,.eot,.mp4,.webm,.mp3,.wav,.pdf,/favicon.ico,/robots.txt,/sitemap.xml,"
            + "/apple-touch-icon,/.well-known/,/static/,/assets/";

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The value stored in the {@code request_class} columns. */
    public String label() {
        return label;
    }

    /** Whether a stored {@code request_class} counts as a page view; data cleaned before the column existed does. */
    public static boolean isPageView(CharSequence label) {
        return label == null || PAGE.label().contentEquals(label);
    }

    /** Classifies requests with a list of static files: {@code .ext} entries by extension, {@code /path} ones by prefix. */
    public static final class Rules {
        private final String[] extensions;
        private final String[] prefixes;

        /** @throws IllegalArgumentException for an entry that starts with neither {@code .} nor {@code /} */
        public Rules(List<String> staticFiles) {
            List<String> ext = new ArrayList<>();
            List<String> pre = new ArrayList<>();
            for (String entry : staticFiles) {
                String e = entry.strip().toLowerCase(Locale.ROOT);
                if (e.startsWith(".") && e.length() > 1) {
                    ext.add(e);
                } else if (e.startsWith("/")) {
                    pre.add(e);
                } else if (!e.isEmpty()) {
                    throw new IllegalArgumentException("static file entry '" + entry
                            + "' is neither an extension (.css) nor a path prefix (/static/)");
                }
            }
            extensions = ext.toArray(new String[0]);
            prefixes = pre.toArray(new String[0]);
        }

        public static Rules of(String commaSeparated) {
            return new Rules(List.of(commaSeparated.split(",")));
        }

        public RequestClass classify(String method, String path, int status) {
            if (status >= 400) {
                return ERROR;
            }
            if (status >= 300 && status != 304) {
                return REDIRECT;
            }
            if (path != null && isStaticFile(path)) {
                return ASSET;
            }
            boolean pageMethod = "GET".equals(method) || "POST".equals(method);
            return pageMethod && path != null && (status == 200 || status == 304) ? PAGE : OTHER;
        }

        private boolean isStaticFile(String path) {
            for (String prefix : prefixes) {
                if (path.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return true;
                }
            }
            if (path.lastIndexOf('.') > path.lastIndexOf('/')) {
                for (String extension : extensions) {
                    if (path.regionMatches(true, path.length() - extension.length(), extension, 0, extension.length())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
