package io.clickstream.sessions;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Referer and landing-URL classification into channels; every rule is here, first match wins:
 * <ol>
 * <li>paid: the landing URL carries an ad click id (gclid, msclkid, fbclid with utm_medium cpc/paid) or
 *     utm_medium cpc, ppc, paid*, display;</li>
 * <li>email: utm_medium email or newsletter;</li>
 * <li>internal: the referer is one of the shop's own hosts (a session that started after a pause);</li>
 * <li>search / social: the referer's host is a known search engine / social network;</li>
 * <li>direct: no referer; referral: any other referer.</li>
 * </ol>
 */
public final class Channels {

    private static final List<String> SEARCH = List.of("google.", "bing.com", "duckduckgo.com", "yahoo.", "ecosia.org",
            "baidu.com", "yandex.", "qwant.com", "startpage.com");
    private static final List<String> SOCIAL = List.of("facebook.com", "t.co", "twitter.com", "x.com", "instagram.com",
            "linkedin.com", "lnkd.in", "pinterest.", "reddit.com", "tiktok.com", "youtube.com");

    private final List<String> ownHosts;

    /** @param ownHosts the shop's host names (a referer from a sub-domain of one of them is internal too) */
    public Channels(List<String> ownHosts) {
        this.ownHosts = ownHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** @param query the landing request's query string (without '?'), or null */
    public Channel classify(String referer, String query) {
        String medium = parameter(query, "utm_medium");
        if (parameter(query, "gclid") != null || parameter(query, "msclkid") != null
                || medium != null && (medium.equals("cpc") || medium.equals("ppc") || medium.startsWith("paid")
                || medium.equals("display"))) {
            return Channel.PAID;
        }
        if (medium != null && (medium.equals("email") || medium.equals("newsletter"))) {
            return Channel.EMAIL;
        }
        String host = host(referer);
        if (host == null) {
            return Channel.DIRECT;
        }
        if (matches(host, ownHosts)) {
            return Channel.INTERNAL;
        }
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        for (String engine : SEARCH) {
            if (engine.endsWith(".") ? host.startsWith(engine) || host.contains("." + engine) : matches(host, List.of(engine))) {
                return Channel.SEARCH;
            }
        }
        return matches(host, SOCIAL) ? Channel.SOCIAL : Channel.REFERRAL;
    }

    private static boolean matches(String host, List<String> domains) {
        for (String domain : domains) {
            if (host.equals(domain) || host.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String host(String referer) {
        if (referer == null || referer.isBlank()) {
            return null;
        }
        try {
            String host = URI.create(referer.trim()).getHost();
            return host == null ? "unparseable" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "unparseable";
        }
    }

    /** The lower-cased value of {@code name} in a query string, or null. */
    static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
