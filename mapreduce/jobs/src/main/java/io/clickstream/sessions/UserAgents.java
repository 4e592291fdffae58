package io.clickstream.sessions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * User-agent classification with uap-java and the uap-core regexes (the ones bundled, or a newer
 * {@code regexes.yaml} the user points at), behind a frequency-aware cache (Caffeine's W-TinyLFU): a cache hit costs
 * a map lookup instead of ~100 regexes, and the long tail of agents seen once or twice a day does not push the common
 * ones out, as it does from a least-recently-used cache (docs/benchmarks.md).
 *
 * <p>Bots, each with its {@link BotReason}: what uap-core calls a "Spider" (search engines, SEO crawlers,
 * monitors); AI crawlers by their published tokens; HTTP libraries and command-line clients (uap-core names their
 * family but does not call them crawlers); requests with no User-Agent; and agents on the user's list (uptime
 * monitors, health checks). Not thread-safe: one instance per task.
 */
public final class UserAgents {

    /** Families of HTTP clients that uap-core recognises by name but does not mark as crawlers. */
    private static final Set<String> AUTOMATION = Set.of("curl", "Wget", "Python Requests", "Python-urllib",
            "Go-http-client", "okhttp", "Apache-HttpClient", "Java", "libwww-perl", "Scrapy", "HeadlessChrome",
            "PhantomJS", "aiohttp", "axios", "node-fetch");
    /** The tokens AI crawlers and assistants publish for their User-Agents (lower case). */
    static final List<String> AI_CRAWLERS = List.of("gptbot", "chatgpt-user", "oai-searchbot", "claudebot", "claude-user",
            "claude-searchbot", "claude-web", "anthropic-ai", "ccbot", "perplexitybot", "perplexity-user", "bytespider",
            "amazonbot", "applebot-extended", "meta-externalagent", "meta-externalfetcher", "facebookbot", "cohere-ai",
            "cohere-training-data-crawler", "diffbot", "youbot", "imagesiftbot", "timpibot", "omgili", "duckassistbot",
            "mistralai-user", "ai2bot", "google-cloudvertexbot", "novellum", "kangaroo bot", "panscient");
    /** Uptime monitors and health checks that are no visitors: the default of the user's list. */
    public static final String DEFAULT_LISTED = "UptimeRobot,Pingdom,StatusCake,Site24x7,Better Uptime,kube-probe,"
            + "ELB-HealthChecker,GoogleHC,Consul Health Check,Datadog Agent,Prometheus,Blackbox Exporter,check_http,"
            + "Zabbix,NewRelicPinger,Nagios";
    private static final Set<String> MOBILE_OS = Set.of("iOS", "Android", "Windows Phone", "BlackBerry OS", "KaiOS");
    private static final Set<String> DESKTOP_OS = Set.of("Windows", "Mac OS X", "Linux", "Ubuntu", "Chrome OS",
            "Fedora", "FreeBSD", "Debian");

    private final Parser parser;
    private final List<String> listed;
    private final Cache<String, Agent> cache;
    private final Function<String, Agent> parse = this::parse;

    /** The bundled regexes and the default list. */
    public UserAgents(int cacheSize) {
        this(cacheSize, null, List.of(DEFAULT_LISTED.split(",")));
    }

    /**
     * @param regexes a uap-core {@code regexes.yaml} to use instead of the bundled one, or null
     * @param listed substrings (any case) of the agents that are not visitors
     */
    public UserAgents(int cacheSize, InputStream regexes, List<String> listed) {
        this.parser = regexes == null ? new Parser() : new Parser(regexes);
        this.listed = listed.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        // Maintenance on the calling thread: a task has one, and no pool threads are started.
        this.cache = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
    }

    public Agent classify(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Agent.MISSING;
        }
        return cache.get(userAgent, parse);
    }

    /** Uncached, for benchmarks. */
    public Agent parse(String userAgent) {
        Client client = parser.parse(userAgent);
        String family = client.userAgent.family;
        String os = client.os.family;
        String device = client.device.family;
        BotReason reason = botReason(userAgent.toLowerCase(Locale.ROOT), family, device);
        return new Agent(family, client.userAgent.major, os, reason != null ? "bot" : deviceClass(os, device, userAgent),
                reason);
    }

    private BotReason botReason(String lowerCase, String family, String device) {
        if (containsAny(lowerCase, listed)) {
            return BotReason.LISTED;
        }
        if (containsAny(lowerCase, AI_CRAWLERS)) {
            return BotReason.AI_CRAWLER;
        }
        if ("Spider".equals(device)) {
            return BotReason.SPIDER;
        }
        return AUTOMATION.contains(family) ? BotReason.AUTOMATION : null;
    }

    private static boolean containsAny(String text, List<String> tokens) {
        for (String token : tokens) {
            if (text.contains(token)) {
                return true;
            }
        }
        return false;
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
