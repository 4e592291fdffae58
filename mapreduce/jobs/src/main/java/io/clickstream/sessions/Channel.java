package io.clickstream.sessions;

import java.util.Locale;

/** Where a visit came from, as analysts name it. */
public enum Channel {
    DIRECT, SEARCH, SOCIAL, EMAIL, PAID, INTERNAL, REFERRAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
