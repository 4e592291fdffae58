package io.clickstream.sessions;

/** What a User-Agent header says about the client. {@code deviceClass} is desktop, mobile, tablet, bot or other. */
public record Agent(String browserFamily, String browserVersion, String osFamily, String deviceClass, boolean bot) {

    public static final Agent MISSING = new Agent("Other", null, "Other", "bot", true);
}
