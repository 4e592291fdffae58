package io.clickstream.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormatRulesTest {

    private static final LogFormat DEFAULT = LogFormat.of("combined");

    private static List<String> formats(FormatRules rules, String path) {
        return rules.formatsFor(path, DEFAULT).stream().map(LogFormat::source).toList();
    }

    @Test
    void rulesMatchTheFileNameOrWithASlashItsPathInOrderBeforeTheDefault() {
        FormatRules rules = FormatRules.parse("""
                # edge proxies log nginx's combined, the API its own
                edge-*.log* => nginx_combined
                **/api/** => %h %t "%r" %>s %D
                *.log.gz => common
                """);
        String day = "/warehouse/raw/access_logs/dt=2026-11-24/";
        assertEquals(List.of(LogFormat.PRESETS.get("nginx_combined"), LogFormat.PRESETS.get("common"), DEFAULT.source()),
                formats(rules, day + "edge-1.log.gz"));
        assertEquals(List.of("%h %t \"%r\" %>s %D", DEFAULT.source()), formats(rules, day + "api/app.log"));
        assertEquals(List.of(DEFAULT.source()), formats(rules, day + "shop.log"));
        assertEquals(List.of(DEFAULT.source()), formats(FormatRules.parse(""), day + "edge-1.log"));
    }

    @Test
    void aRuleWithoutArrowOrWithABadFormatIsNamedByItsLine() {
        IllegalArgumentException noArrow = assertThrows(IllegalArgumentException.class,
                () -> FormatRules.parse("edge-*.log => common\nnginx_combined"));
        assertTrue(noArrow.getMessage().startsWith("rule 2 'nginx_combined'"), noArrow.getMessage());
        IllegalArgumentException badFormat = assertThrows(IllegalArgumentException.class,
                () -> FormatRules.parse("edge-*.log => %h %u"));
        assertTrue(badFormat.getMessage().contains("rule 1 (edge-*.log)") && badFormat.getMessage().contains("request time"),
                badFormat.getMessage());
    }
}
