package io.clickstream.generate;

import io.clickstream.accesslog.Hit;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.accesslog.LogLineRenderer;
import io.clickstream.accesslog.LogLineRenderer.Damage;
import io.clickstream.accesslog.RejectReason;
import io.clickstream.accesslog.RequestClass;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, reproducible web-server traffic for a range of UTC days: visits of people and crawlers, IPv4 and
 * IPv6, the odd lines real servers write (TLS handshakes, empty requests, escaped quotes, non-UTF-8 bytes)
 * and a configurable share of damaged lines, each labelled with the reason the clean stage must give.
 */
public final class AccessLogGenerator {

    /** A web server of the sample farm: its file name, its local UTC offset and its compression. */
    public record Server(String name, int offsetMinutes, String extension) {
    }

    public static final List<Server> SERVERS = List.of(
            new Server("web-1", 60, ".gz"), new Server("web-2", -300, ".bz2"), new Server("web-3", 0, ""));

    /**
     * One generated line; {@code expected} is null for a line that must be accepted. {@code visit} numbers the
     * visit it belongs to, {@code human} says whether its client is a browser (not a crawler, not agent-less),
     * {@code pageView} whether the request is a page view by {@link RequestClass}'s definition (not a static file,
     * a redirect or an error), and {@code duplicate} marks the second copy of a line shipped twice.
     */
    public record Line(Server server, long timestampMillis, byte[] bytes, RejectReason expected, long visit, boolean human,
            boolean pageView, boolean duplicate) {
    }

    /** Static files a page pulls in, fetched by part of the browsers (the others have them cached). */
    private static final List<String> ASSETS = List.of("/static/shop.css", "/static/shop.js", "/favicon.ico",
            "/img/hero.webp", "/fonts/inter.woff2");
    private static final RequestClass.Rules CLASSES = RequestClass.Rules.of(RequestClass.DEFAULT_STATIC_FILES);

    /** An order a visit confirmed ({@code /checkout/confirm?order=ID}): the shop backend sends its event. */
    public record WebOrder(String orderId, long confirmedMillis) {
    }

    private static final int MAX_VISIT_GAP_SECONDS = 240;
    private static final int TOO_LONG_BYTES = 70 * 1024;

    private final LogLineRenderer renderer;
    private final SplittableRandom random;
    /** The stream of the lines added on top of the visits (static files, scrapers): the visits stay as they were. */
    private final SplittableRandom extraRandom;
    private final double badShare;
    private final List<WebOrder> orders = new ArrayList<>();
    private long visits;

    public AccessLogGenerator(LogFormat format, long seed, double badShare) {
        this(format, seed, badShare, 0);
    }

    /** Numbering its visits (and so its orders) from {@code firstVisit}: generators of one day's slices never collide. */
    public AccessLogGenerator(LogFormat format, long seed, double badShare, long firstVisit) {
        if (!(badShare >= 0 && badShare <= 1)) {
            throw new IllegalArgumentException("bad-line share must be between 0 and 1, not " + badShare);
        }
        this.renderer = new LogLineRenderer(format);
        this.random = new SplittableRandom(seed);
        this.extraRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.badShare = badShare;
        this.visits = firstVisit;
    }

    /** About {@code linesPerDay} lines for each day from {@code start}, per day sorted by time (as logs are). */
    public List<List<Line>> days(LocalDate start, int days, int linesPerDay) {
        long rangeStart = start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long rangeEnd = start.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        List<List<Line>> byDay = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            byDay.add(new ArrayList<>());
        }
        long total = (long) linesPerDay * days;
        for (long made = 0; made < total; ) {
            made += visit(rangeStart + dayMillis(days) + busyHourMillis(), rangeStart, rangeEnd,
                    line -> byDay.get((int) ((line.timestampMillis() - rangeStart) / 86_400_000L)).add(line));
        }
        for (int d = 0; d < days; d++) {
            byDay.get(d).addAll(scrapers(rangeStart + d * 86_400_000L));
        }
        for (List<Line> day : byDay) {
            day.sort(Comparator.comparingLong(Line::timestampMillis));
        }
        return byDay;
    }

    /**
     * About {@code lines} lines between {@code from} and {@code to} (epoch millis), sorted by time: visits starting at
     * a flat rate over the window (and up to half an hour before it, so it begins with visits under way), no scrapers.
     * The live shop's traffic, as busy at midnight as at noon.
     */
    public List<Line> window(long from, long to, int lines) {
        List<Line> window = new ArrayList<>();
        long lead = 1_800_000L;
        while (window.size() < lines) {
            visit(from - lead + random.nextLong(Math.max(1, to - from + lead)), from, to, window::add);
        }
        window.sort(Comparator.comparingLong(Line::timestampMillis));
        return window;
    }

    /**
     * The lines of one visit starting at {@code visitStart} that fall in {@code [from, to)}: its requests, a shipper's
     * occasional duplicate, a page's static files.
     *
     * @return how many lines {@code sink} got
     */
    private int visit(long visitStart, long from, long to, java.util.function.Consumer<Line> sink) {
        long visit = visits++;
        int made = 0;
        for (Hit hit : visit(visitStart, visit)) {
            if (hit.timestampMillis() >= from && hit.timestampMillis() < to) {
                Line line = line(hit, visit);
                sink.accept(line);
                made++;
                // A log shipper that retried after a timeout: the same line twice.
                if (line.expected() == null && random.nextInt(400) == 0) {
                    sink.accept(new Line(line.server(), line.timestampMillis(), line.bytes(), null, visit, line.human(),
                            line.pageView(), true));
                    made++;
                }
                if (line.expected() == null && line.human() && line.pageView()) {
                    for (Line asset : assets(hit, visit)) {
                        if (asset.timestampMillis() < to) {
                            sink.accept(asset);
                        }
                    }
                }
            }
        }
        return made;
    }

    /** The orders the visits generated so far confirmed, in visit order (some beyond the range's end). */
    public List<WebOrder> orders() {
        return List.copyOf(orders);
    }

    private long dayMillis(int days) {
        return random.nextInt(days) * 86_400_000L;
    }

    /** Time of day with a daytime peak: the sum of two uniforms leans towards the middle of the day. */
    private long busyHourMillis() {
        long millis = (random.nextLong(43_200_000L) + random.nextLong(43_200_000L) + random.nextLong(86_400_000L)) / 2;
        return millis % 86_400_000L;
    }

    private List<Hit> visit(long start, long visit) {
        boolean crawler = random.nextInt(100) < 12;
        String ip = random.nextInt(100) < 15 ? ipv6() : ipv4();
        String agent = crawler ? pick(WebShop.BOTS) : pick(WebShop.BROWSERS);
        WebShop.Entry entry = WebShop.entry(random);
        int pages = crawler ? 5 + random.nextInt(40) : 1 + random.nextInt(random.nextInt(100) < 35 ? 1 : 12);
        List<Hit> hits = new ArrayList<>(pages);
        long time = start;
        String page = null;
        for (int i = 0; i < pages; i++) {
            String previous = page;
            page = crawler ? WebShop.crawlerPage(random) : WebShop.nextPage(previous, random);
            String uri = i == 0 && entry.landingQuery() != null
                    ? page + (page.contains("?") ? "&" : "?") + entry.landingQuery() : page;
            if (page.equals("/checkout/confirm")) {
                String order = "O-W" + Long.toString(visit, 36) + "-" + i;
                orders.add(new WebOrder(order, time));
                uri = page + "?order=" + order;
            }
            String referer = crawler ? null : previous == null ? entry.referer() : "https://" + WebShop.HOST + previous;
            hits.add(hit(ip, time, "GET " + uri + " HTTP/" + (random.nextBoolean() ? "1.1" : "2.0"), referer, agent));
            time += 1000L * (2 + random.nextInt(MAX_VISIT_GAP_SECONDS));
        }
        if (random.nextInt(100) == 0) {
            hits.add(hit(ip, time, oddRequest(), null, random.nextBoolean() ? null : agent));
        }
        return hits;
    }

    private Hit hit(String ip, long time, String request, String referer, String agent) {
        boolean odd = !request.endsWith(" HTTP/1.1") && !request.endsWith(" HTTP/2.0");
        boolean missing = request.contains("/product/9");
        int status = odd ? 400 : missing ? 404 : random.nextInt(400) == 0 ? 500 : 200;
        long bytes = status == 400 ? 0 : status == 404 ? 1_024 : 4_000 + random.nextInt(60_000);
        long micros = 500 + (long) Math.abs(random.nextDouble() * random.nextDouble() * 2_000_000);
        String vhost = random.nextInt(10) == 0 ? "www." + WebShop.HOST : WebShop.HOST;
        return new Hit(ip, time, 0, request, status, bytes, referer, agent, vhost, micros);
    }

    /** The static files a browser fetches a second after a page: none for most pages (cached), 200 or 304. */
    private List<Line> assets(Hit page, long visit) {
        int count = extraRandom.nextInt(100) < 25 ? 1 + extraRandom.nextInt(2) : 0;
        int first = extraRandom.nextInt(ASSETS.size());
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String path = ASSETS.get((first + i) % ASSETS.size());
            boolean cached = extraRandom.nextBoolean();
            String pageUri = page.request().split(" ")[1];
            Hit asset = new Hit(page.clientIp(), page.timestampMillis() + 1000, 0, "GET " + path + " HTTP/2.0",
                    cached ? 304 : 200, cached ? 0 : 2_000 + extraRandom.nextInt(90_000), "https://" + WebShop.HOST + pageUri,
                    page.userAgent(), page.vhost(), 100 + extraRandom.nextInt(5_000));
            lines.add(undamaged(asset, visit, true));
        }
        return lines;
    }

    /**
     * Scrapers behind a browser's User-Agent, one of each kind a day: one reading pages faster than a person can,
     * one reading a burst of pages without their static files, one that asks for robots.txt first.
     */
    private List<Line> scrapers(long dayStart) {
        List<Line> lines = new ArrayList<>();
        int[][] kinds = {{60, 1_000, 1_000}, {22, 10_000, 4_000}, {6, 20_000, 10_000}};
        for (int k = 0; k < kinds.length; k++) {
            String ip = "198.18." + extraRandom.nextInt(256) + "." + (1 + extraRandom.nextInt(254));
            String agent = WebShop.BROWSERS.get(extraRandom.nextInt(WebShop.BROWSERS.size()));
            long time = dayStart + 3_600_000L + extraRandom.nextLong(20 * 3_600_000L);
            for (int i = 0; i < kinds[k][0]; i++) {
                String path = k == 2 && i == 0 ? "/robots.txt" : "/product/" + (1 + extraRandom.nextInt(WebShop.PRODUCTS));
                Hit hit = new Hit(ip, time, 0, "GET " + path + " HTTP/1.1", 200, 4_000 + extraRandom.nextInt(60_000), null,
                        agent, WebShop.HOST, 500 + extraRandom.nextInt(200_000));
                lines.add(undamaged(hit, -1 - k, false));
                time += kinds[k][1] + extraRandom.nextInt(kinds[k][2]);
            }
        }
        return lines;
    }

    /** What scanners and misconfigured clients send; servers log it with a 400, and it is real traffic. */
    private String oddRequest() {
        switch (random.nextInt(3)) {
            case 0:
                return "\u0016\u0003\u0001\u0000x\u0001\u0000\u0000y\u0003\u0003";
            case 1:
                return "";
            default:
                return "GET /../../etc/passwd HTTP/1.1\" \"injected";
        }
    }

    /** A line added on top of the visits, written by its server as is (the visits' lines draw their damage). */
    private Line undamaged(Hit hit, long visit, boolean human) {
        Server server = server(hit);
        byte[] bytes = renderer.render(local(hit, server), Damage.NONE).getBytes(StandardCharsets.UTF_8);
        return new Line(server, hit.timestampMillis(), bytes, null, visit, human, isPageView(hit), false);
    }

    private static Server server(Hit hit) {
        return SERVERS.get(Math.floorMod(hit.clientIp().hashCode(), SERVERS.size()));
    }

    /** The hit as its server logs it, in the server's local offset. */
    private static Hit local(Hit hit, Server server) {
        return new Hit(hit.clientIp(), hit.timestampMillis(), server.offsetMinutes(), hit.request(), hit.status(),
                hit.bytes(), hit.referer(), hit.userAgent(), hit.vhost(), hit.responseTimeMicros());
    }

    private static boolean isPageView(Hit hit) {
        String[] parts = hit.request().split(" ");
        boolean valid = parts.length == 3 && parts[2].startsWith("HTTP/");
        String path = valid ? parts[1].split("[?#]")[0] : null;
        return CLASSES.classify(valid ? parts[0] : null, path, hit.status()) == RequestClass.PAGE;
    }

    private Line line(Hit hit, long visit) {
        Server server = server(hit);
        Hit local = local(hit, server);
        boolean human = hit.userAgent() != null && WebShop.BROWSERS.contains(hit.userAgent());
        if (random.nextDouble() < badShare) {
            return damaged(server, local, visit, human);
        }
        String text = renderer.render(local, Damage.NONE);
        // A few clients send Latin-1 in their referer, which some servers write through unescaped.
        boolean latin1 = hit.referer() != null && random.nextInt(500) == 0;
        byte[] bytes = latin1 ? text.replace("best-", "best-\u00e9t\u00e9-").getBytes(StandardCharsets.ISO_8859_1)
                : text.getBytes(StandardCharsets.UTF_8);
        return new Line(server, hit.timestampMillis(), bytes, null, visit, human, isPageView(hit), false);
    }

    private Line damaged(Server server, Hit hit, long visit, boolean human) {
        String text = renderer.render(hit, Damage.NONE);
        int kind = random.nextInt(100);
        RejectReason reason;
        byte[] bytes;
        if (kind < 35) {
            reason = RejectReason.FORMAT_MISMATCH;
            bytes = text.substring(0, 1 + random.nextInt(text.length() / 2)).getBytes(StandardCharsets.UTF_8);
        } else if (kind < 55) {
            reason = RejectReason.FORMAT_MISMATCH;
            bytes = binaryGarbage();
        } else if (kind < 63) {
            reason = RejectReason.BLANK_LINE;
            bytes = new byte[0];
        } else if (kind < 80) {
            reason = RejectReason.BAD_TIMESTAMP;
            bytes = renderer.render(hit, Damage.BAD_TIMESTAMP).getBytes(StandardCharsets.UTF_8);
        } else if (kind < 98) {
            reason = RejectReason.BAD_STATUS;
            bytes = renderer.render(hit, Damage.BAD_STATUS).getBytes(StandardCharsets.UTF_8);
        } else {
            reason = RejectReason.LINE_TOO_LONG;
            Hit huge = new Hit(hit.clientIp(), hit.timestampMillis(), hit.offsetMinutes(),
                    "GET /search?q=" + "A".repeat(TOO_LONG_BYTES) + " HTTP/1.1", hit.status(), hit.bytes(),
                    hit.referer(), hit.userAgent(), hit.vhost(), hit.responseTimeMicros());
            bytes = renderer.render(huge, Damage.NONE).getBytes(StandardCharsets.UTF_8);
        }
        return new Line(server, hit.timestampMillis(), bytes, reason, visit, human, isPageView(hit), false);
    }

    /** A TLS ClientHello sent to the plain-HTTP port, logged raw: high bytes, no spaces, no line break. */
    private byte[] binaryGarbage() {
        byte[] bytes = new byte[20 + random.nextInt(60)];
        bytes[0] = 0x16;
        bytes[1] = 0x03;
        for (int i = 2; i < bytes.length; i++) {
            bytes[i] = (byte) (0x80 + random.nextInt(0x80));
        }
        return bytes;
    }

    private String ipv4() {
        return (1 + random.nextInt(222)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private String ipv6() {
        return "2001:db8:" + Integer.toHexString(random.nextInt(0x10000)) + ":" + Integer.toHexString(random.nextInt(0x10000))
                + "::" + Integer.toHexString(1 + random.nextInt(0xfffe));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
