package io.clickstream.generate;

import java.util.List;
import java.util.SplittableRandom;

/** The sample shop's vocabulary: pages, referers, user agents. Realistic enough to exercise every later stage. */
final class WebShop {

    static final String HOST = "shop.example.com";
    static final int PRODUCTS = 500;
    static final List<String> CATEGORIES = List.of("shoes", "shirts", "bags", "hats", "sale");
    static final List<String> SEARCH_TERMS = List.of("running+shoes", "red+bag", "linen+shirt", "sun%20hat", "gift");

    static final List<String> BROWSERS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70",
            "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0; \"Corporate Build\")");

    static final List<String> BOTS = List.of(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
            "curl/8.4.0",
            "python-requests/2.31.0");

    private WebShop() {
    }

    /** Where a visit comes from: the referer of its first page and the query its landing URL carries. */
    record Entry(String referer, String landingQuery) {
    }

    static Entry entry(SplittableRandom random) {
        int p = random.nextInt(100);
        if (p < 30) {
            return new Entry(null, null);
        } else if (p < 58) {
            return new Entry("https://www.google.com/", null);
        } else if (p < 63) {
            return new Entry("https://www.bing.com/search?q=shop", null);
        } else if (p < 70) {
            return new Entry("https://www.facebook.com/", null);
        } else if (p < 73) {
            return new Entry("https://t.co/x2Zk8", null);
        } else if (p < 82) {
            return new Entry(null, "utm_source=newsletter&utm_medium=email&utm_campaign=winter_sale");
        } else if (p < 90) {
            return new Entry("https://www.google.com/", "gclid=EAIaIQob" + random.nextInt(100_000) + "&utm_medium=cpc");
        } else {
            return new Entry("https://blog.example.org/best-" + CATEGORIES.get(random.nextInt(CATEGORIES.size())), null);
        }
    }

    /** The next page of a browsing visit, from the one before (null: the visit starts). */
    static String nextPage(String previous, SplittableRandom random) {
        if (previous == null) {
            int p = random.nextInt(10);
            return p < 4 ? "/" : p < 7 ? "/category/" + category(random) : product(random);
        }
        int p = random.nextInt(100);
        if (previous.startsWith("/product/") && p < 30) {
            return "/cart";
        }
        if (previous.equals("/cart") && p < 45) {
            return "/checkout";
        }
        if (previous.equals("/checkout") && p < 60) {
            return "/checkout/confirm";
        }
        if (p < 15) {
            return "/search?q=" + SEARCH_TERMS.get(random.nextInt(SEARCH_TERMS.size()));
        }
        return p < 40 ? "/category/" + category(random) : product(random);
    }

    static String crawlerPage(SplittableRandom random) {
        int p = random.nextInt(20);
        return p == 0 ? "/robots.txt" : p == 1 ? "/sitemap.xml" : p < 8 ? "/category/" + category(random) : product(random);
    }

    private static String category(SplittableRandom random) {
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }

    private static String product(SplittableRandom random) {
        // A few links point at products that no longer exist: real 404s.
        return "/product/" + (random.nextInt(50) == 0 ? 9000 + random.nextInt(999) : 1 + random.nextInt(PRODUCTS));
    }
}
