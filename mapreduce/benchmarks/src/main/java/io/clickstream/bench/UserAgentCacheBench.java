package io.clickstream.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.clickstream.sessions.Agent;
import io.clickstream.sessions.UserAgents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The User-Agent cache on a long tail of distinct agents: least-recently-used against Caffeine's frequency-aware
 * W-TinyLFU, at two sizes, on one trace, alternating, several runs. The trace is one lookup per visitor (what the
 * sessionize reducer does): 70% of visitors use one of 3,000 common agents (browsers in current versions, Zipf
 * s=1.1), 30% an agent of the long tail (in-app web views, rare devices with build numbers: 2 million possible,
 * Zipf s=0.7, so most are seen once or twice). A miss costs a uap-core parse; the time is the whole lookup.
 *
 * <p>Usage: {@code UserAgentCacheBench [LOOKUPS] [RUNS]}.
 */
public final class UserAgentCacheBench {

    private static final String[] HEAD_TEMPLATES = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.%d Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/%d.%d Safari/605.1.%d",
        "Mozilla/5.0 (iPhone; CPU iPhone OS %d_%d like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E%d Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel %d) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/%d.0.%d.0 Mobile Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:%d.0) Gecko/20100101 Firefox/%d.%d",
    };

    private UserAgentCacheBench() {
    }

    public static void main(String[] args) {
        int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> trace = trace(lookups, new SplittableRandom(17));
        System.out.printf(Locale.ROOT, "trace: %,d lookups, %,d distinct agents, %,d seen once%n", trace.size(),
                trace.stream().distinct().count(), singletons(trace));
        UserAgents parser = new UserAgents(1);
        Function<String, Agent> parse = parser::parse;
        for (String warm : trace.subList(0, Math.min(20_000, trace.size()))) {
            parse.apply(warm);
        }
        String[] policies = {"lru", "caffeine"};
        int[] sizes = {1_000, 10_000};
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (int size : sizes) {
                for (String policy : policies) {
                    long[] misses = {0};
                    Function<String, Agent> counted = ua -> {
                        misses[0]++;
                        return parse.apply(ua);
                    };
                    Function<String, Agent> cache = policy.equals("lru") ? lru(size, counted) : caffeine(size, counted);
                    long start = System.nanoTime();
                    for (String agent : trace) {
                        cache.apply(agent);
                    }
                    long nanos = System.nanoTime() - start;
                    results.computeIfAbsent(policy + " " + size, k -> new ArrayList<>())
                            .add(new double[] {1.0 - (double) misses[0] / trace.size(), nanos / 1e3 / trace.size()});
                }
            }
        }
        System.out.println("| cache | entries | hit ratio | us per lookup (median, min-max of " + runs + " runs) |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] times = e.getValue().stream().mapToDouble(r -> r[1]).sorted().toArray();
            String[] name = e.getKey().split(" ");
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.2f (%.2f-%.2f) |%n", name[0], name[1], e.getValue().get(0)[0],
                    times[times.length / 2], times[0], times[times.length - 1]);
        }
    }

    static List<String> trace(int lookups, SplittableRandom random) {
        List<String> head = new ArrayList<>(3_000);
        for (int i = 0; i < 3_000; i++) {
            String template = HEAD_TEMPLATES[i % HEAD_TEMPLATES.length];
            head.add(String.format(Locale.ROOT, template, 100 + i / 50 % 40, i % 50, 1000 + i));
        }
        Zipf headRank = new Zipf(head.size(), 1.1);
        Zipf tailRank = new Zipf(2_000_000, 0.7);
        List<String> trace = new ArrayList<>(lookups);
        for (int i = 0; i < lookups; i++) {
            if (random.nextInt(100) < 70) {
                trace.add(head.get(headRank.sample(random)));
            } else {
                int rank = tailRank.sample(random);
                trace.add(String.format(Locale.ROOT, "Mozilla/5.0 (Linux; Android %d; SM-A%03d Build/UP1A.%d; wv) AppleWebKit/537.36"
                        + " (KHTML, like Gecko) Version/4.0 Chrome/%d.0.0.0 Mobile Safari/537.36 Instagram %d.0.0.%d Android",
                        10 + rank % 5, rank % 997, 231000 + rank % 1000, 110 + rank % 20, 300 + rank % 40, rank));
            }
        }
        return trace;
    }

    private static long singletons(List<String> trace) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        trace.forEach(t -> counts.merge(t, 1, Integer::sum));
        return counts.values().stream().filter(c -> c == 1).count();
    }

    private static Function<String, Agent> lru(int size, Function<String, Agent> parse) {
        Map<String, Agent> map = new LinkedHashMap<>(size * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Agent> eldest) {
                return size() > size;
            }
        };
        return ua -> {
            Agent agent = map.get(ua);
            if (agent == null) {
                agent = parse.apply(ua);
                map.put(ua, agent);
            }
            return agent;
        };
    }

    private static Function<String, Agent> caffeine(int size, Function<String, Agent> parse) {
        Cache<String, Agent> cache = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
        return ua -> cache.get(ua, parse);
    }

    /** Ranks 0..n-1 with probability proportional to 1 / (rank + 1)^s, by inverting the cumulative sums. */
    private static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            int i = Arrays.binarySearch(cumulative, random.nextDouble());
            return Math.min(i < 0 ? -i - 1 : i, cumulative.length - 1);
        }
    }
}
