package io.clickstream.sessions;

import java.util.Locale;

/**
 * Why a visitor is a bot, stored with its requests ({@code bot_reason}). The User-Agent's reasons come first; the
 * behavioural ones flag what a browser-like User-Agent hides. Also the counters of bot visitors per reason.
 */
public enum BotReason {
    /** uap-core calls the agent a crawler ("Spider"): search engines, SEO tools, feed readers. */
    SPIDER,
    /** An AI crawler or assistant fetcher by its published token (GPTBot, ClaudeBot, CCBot, PerplexityBot, ...). */
    AI_CRAWLER,
    /** An HTTP library or command-line client (curl, python-requests, Go-http-client, headless browsers). */
    AUTOMATION,
    MISSING_USER_AGENT,
    /** On the user-maintained list of agents that are not visitors: uptime monitors, health checks. */
    LISTED,
    /** Fetched {@code /robots.txt}: only robots read it. */
    ROBOTS_TXT,
    /** More page views in a minute than a person can read, or more requests in a day than a person makes. */
    REQUEST_RATE,
    /** A burst of page views without one static file: a scraper that fetches only the HTML. */
    NO_ASSETS;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The value stored in {@code bot_reason}. */
    public String label() {
        return label;
    }
}
