package io.clickstream.sessions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * User-agent classification with uap-java and the maintained uap-core regexes, behind an LRU cache: a day
 * of traffic has few distinct agents, and a cache hit costs a map lookup instead of ~100 regexes.
 *
 * <p>Bots are what uap-core calls a "Spider" (search engines, SEO crawlers, monitors), HTTP libraries and
 * command-line clients (uap-core names their family but does not call them crawlers), and requests with no
 * User-Agent at all. Not thread-safe: one instance per task.
 */
public final class UserAgents {

    /** Families of HTTP clients that uap-core recognises by name but does not mark as crawlers. */
    private static final Set<String> AUTOMATION = Set.of("curl", "Wget", "Python Requests", "Python-urllib",
            "Go-http-client", "okhttp", "Apache-HttpClient", "Java", "libwww-perl", "Scrapy", "HeadlessChrome",
            "PhantomJS", "aiohttp", "axios", "node-fetch");
    private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS");
    private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS",
            "Fedora", "FreeBSD", "Debian");

    private final Parser parser = new Parser();
    private final Map<String, Agent> cache;

    public UserAgents(int cacheSize) {
        this.cache = new LinkedHashMap<>(cacheSize * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Agent> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public Agent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Agent.MISSING;
        }
        Agent agent = cache.get(userAgent);
        if (agent == null) {
            agent = parse(userAgent);
            cache.put(userAgent, agent);
        }
        return agent;
    }

    /** Uncached, for benchmarks. */
    public Agent parse(String userAgent) {
        Client client = parser.parse(userAgent);
        String family = client.userAgent.family;
        String os = client.os.family;
        String device = client.device.family;
        boolean bot = "Spider".equals(device) || AUTOMATION.contains(family);
        return new Agent(family, client.userAgent.major, os, bot ? "bot" : deviceClass(os, device, userAgent), bot);
    }

    private static String deviceClass(String os, String device, String userAgent) {
        if ("iPad".equals(device) || device.contains("Tablet") || ("Android".equals(os) && !userAgent.contains("Mobile"))) {
            return "tablet";
        }
        if (MOBILE_OS.contains(os)) {
            return "mobile";
        }
        return DESKTOP_OS.contains(os) ? "desktop" : "other";
    }
}
