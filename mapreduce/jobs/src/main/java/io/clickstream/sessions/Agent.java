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

    /** A field by its column name in the sessionized page views ({@code browser_family}, ... {@code bot_reason}), for SQL. */
    public String field(String column) {
        switch (column) {
            case "browser_family": return browserFamily;
            case "browser_version": return browserVersion;
            case "os_family": return osFamily;
            case "device_class": return deviceClass;
            case "bot_reason": return botReason == null ? null : botReason.label();
            default: throw new IllegalArgumentException("no User-Agent field " + column);
        }
    }
}
