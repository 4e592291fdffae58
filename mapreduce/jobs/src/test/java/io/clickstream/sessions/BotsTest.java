package io.clickstream.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bots by their User-Agent (today's AI crawlers, the user's list, newer rules) and by their behaviour. */
class BotsTest {

    private final UserAgents agents = new UserAgents(100);

    @Test
    void todaysAiCrawlersAreFlaggedWithTheirReason() {
        for (String agent : List.of(
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ChatGPT-User/1.0; +https://openai.com/bot",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
                "CCBot/2.0 (https://commoncrawl.org/faq/)",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)",
                "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible;"
                        + " Bytespider; spider-feedback@bytedance.com)",
                "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1;"
                        + " +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36",
                "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)")) {
            assertEquals(BotReason.AI_CRAWLER, agents.classify(agent).botReason(), agent);
        }
        assertEquals(BotReason.SPIDER, agents.classify(
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").botReason());
        assertEquals(BotReason.AUTOMATION, agents.classify("python-requests/2.31.0").botReason());
        assertEquals(BotReason.MISSING_USER_AGENT, agents.classify(null).botReason());
        assertNull(agents.classify("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36").botReason());
    }

    @Test
    void monitorsAndHealthChecksOnTheUsersListAreNoVisitors() {
        assertEquals(BotReason.LISTED, agents.classify("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)").botReason());
        assertEquals(BotReason.LISTED, agents.classify("kube-probe/1.29").botReason());
        assertEquals(BotReason.LISTED, agents.classify("ELB-HealthChecker/2.0").botReason());
        UserAgents own = new UserAgents(100, null, List.of("ShopSmokeTest"));
        assertEquals(BotReason.LISTED, own.classify("Mozilla/5.0 (X11; Linux x86_64) shopsmoketest/4").botReason());
        assertNull(own.classify("kube-probe/1.29").botReason(), "the user's list replaces the default");
    }

    @Test
    void newerRulesComeFromAConfiguredRegexesFile() {
        String yaml = """
                user_agent_parsers:
                  - regex: '(Zephyrine)/(\\d+)'
                os_parsers:
                  - regex: '(Plan 9)'
                device_parsers:
                  - regex: '(Zephyrine)'
                    device_replacement: 'Spider'
                """;
        UserAgents newer = new UserAgents(100, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), List.of());
        Agent agent = newer.classify("Zephyrine/3 (Plan 9)");
        assertEquals(BotReason.SPIDER, agent.botReason());
        assertEquals("Zephyrine", agent.browserFamily());
        assertFalse(agents.classify("Zephyrine/3 (Plan 9)").bot(), "the bundled rules do not know it");
    }

    private static BotReason judge(Behaviour.Rules rules, int pageViews, long everyMillis, boolean withAssets, String firstPath) {
        Behaviour behaviour = new Behaviour(rules);
        long t = 1_795_500_000_000L;
        for (int i = 0; i < pageViews; i++, t += everyMillis) {
            behaviour.add(t, i == 0 ? firstPath : "/product/" + i, true, false);
            if (withAssets) {
                behaviour.add(t + 1000, "/static/shop.css", false, true);
            }
        }
        return behaviour.verdict();
    }

    @Test
    void behaviourFlagsWhatTheUserAgentHides() {
        Behaviour.Rules rules = Behaviour.Rules.DEFAULT;
        assertEquals(BotReason.REQUEST_RATE, judge(rules, 40, 1_500, true, "/"));
        assertNull(judge(rules, 30, 2_000, true, "/"), "30 page views in a minute is the limit, not over it");
        assertEquals(BotReason.NO_ASSETS, judge(rules, 20, 12_000, false, "/"));
        assertNull(judge(rules, 20, 12_000, true, "/"), "a person's browser fetches the pages' static files");
        assertNull(judge(rules, 19, 12_000, false, "/"));
        assertNull(judge(rules, 40, 20_000, false, "/"), "twenty pages spread over more than five minutes");
        assertEquals(BotReason.ROBOTS_TXT, judge(rules, 2, 60_000, true, "/robots.txt"));
        assertNull(judge(new Behaviour.Rules(0, 0), 100, 100, false, "/"), "0 turns the rules off");
    }
}
