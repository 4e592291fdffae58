package io.clickstream.sessions;

/**
 * What a User-Agent header says about the client. {@code deviceClass} is desktop, mobile, tablet, bot or other;
 * {@code botReason} is null for an agent that looks like a person's browser.
 */
public record Agent(String browserFamily, String browserVersion, String osFamily, String deviceClass, BotReason botReason) {

    public static final Agent MISSING = new Agent("Other", null, "Other", "bot", BotReason.MISSING_USER_AGENT);

    public boolean bot() {
        return botReason != null;
    }
}
