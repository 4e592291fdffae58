package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void presetsResolveUnderEveryAcceptedName() {
        assertEquals(LogFormat.PRESETS.get("combined"), LogFormat.of("combined").source());
        assertEquals(LogFormat.PRESETS.get("combined"), LogFormat.of("apache:combined").source());
        assertEquals(LogFormat.PRESETS.get("nginx_combined"), LogFormat.of("nginx:combined").source());
        assertEquals(LogFormat.PRESETS.get("vhost_combined"), LogFormat.of(" VHOST_COMBINED ").source());
    }

    @Test
    void formatWithoutWhatAPageViewNeedsIsRefusedUpFront() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%h %u \"%r\""));
        assertTrue(e.getMessage().contains("request time") && e.getMessage().contains("status"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of(""));
    }

    @Test
    void adjacentDirectivesCannotBeSplitAndAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%h%t %>s"));
        assertTrue(e.getMessage().contains("%h and %t"), e.getMessage());
    }

    @Test
    void unsupportedTimeFormatIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("%h %{%d.%m.%Y %Q}t %>s %{%C}t"));
        assertTrue(e.getMessage().contains("%{%d.%m.%Y %Q}t") && e.getMessage().contains("%Q")
                && e.getMessage().contains("%{%C}t"), e.getMessage());
        IllegalArgumentException noTimeOfDay = assertThrows(IllegalArgumentException.class,
                () -> LogFormat.of("%h %{%d.%m.%Y}t %>s"));
        assertTrue(noTimeOfDay.getMessage().contains("request time"), noTimeOfDay.getMessage());
    }

    @Test
    void unclosedBracesAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("%h %t %>s %{Referer"));
        assertThrows(IllegalArgumentException.class, () -> LogFormat.of("$remote_addr [$time_local] ${status"));
    }
}
