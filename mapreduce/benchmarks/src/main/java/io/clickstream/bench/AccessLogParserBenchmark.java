package io.clickstream.bench;

import io.clickstream.accesslog.AccessLogParser;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.accesslog.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.basjes.parse.core.Parser;
import nl.basjes.parse.httpdlog.HttpdLoglineParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second of three combined-format parsers on the same generated lines, each extracting the same
 * fields (time as epoch millis, client, method, path, query, protocol, status, bytes, referer, agent):
 * ours from bytes, nielsbasjes' httpdlog-parser and a java.util.regex pattern from Strings (their decoding is
 * not even charged to them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessLogParserBenchmark {

    private static final int LINES = 1 << 14;
    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\d+|-) \"((?:[^\"\\\\]|\\\\.)*)\" "
                    + "\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    private byte[][] bytes;
    private String[] strings;
    private int next;
    private final ParsedLine parsed = new ParsedLine();
    private AccessLogParser ours;
    private Parser<BasjesRecord> basjes;
    private final BasjesRecord basjesRecord = new BasjesRecord();

    @Setup
    public void setUp() throws Exception {
        bytes = SampleLines.combined(LINES, 1);
        strings = new String[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            strings[i] = new String(bytes[i], StandardCharsets.UTF_8);
        }
        ours = new AccessLogParser(LogFormat.of("combined"));
        basjes = new HttpdLoglineParser<>(BasjesRecord.class, "combined");
        for (String field : BasjesRecord.FIELDS) {
            basjes.addParseTarget(BasjesRecord.class.getMethod("set", String.class, String.class), field);
        }
        basjes.parse(basjesRecord, "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /p?q=1 HTTP/1.1\" 200 5 \"http://r/\" \"ua\"");
        if (basjesRecord.values.size() < BasjesRecord.FIELDS.size()) {
            throw new IllegalStateException("httpdlog-parser did not fill " + BasjesRecord.FIELDS + ": got "
                    + basjesRecord.values + "; possible: " + basjes.getPossiblePaths());
        }
    }

    private int nextIndex() {
        return next++ & (LINES - 1);
    }

    @Benchmark
    public void clickstreamParser(Blackhole bh) {
        byte[] line = bytes[nextIndex()];
        if (ours.parse(line, line.length, parsed) != null) {
            throw new IllegalStateException("rejected: " + new String(line, StandardCharsets.UTF_8));
        }
        bh.consume(parsed.timestampMillis());
        bh.consume(parsed.clientIp());
        bh.consume(parsed.method());
        bh.consume(parsed.path());
        bh.consume(parsed.query());
        bh.consume(parsed.protocol());
        bh.consume(parsed.status());
        bh.consume(parsed.bytes());
        bh.consume(parsed.referer());
        bh.consume(parsed.userAgent());
    }

    @Benchmark
    public void httpdlogParser(Blackhole bh) throws Exception {
        basjesRecord.values.clear();
        bh.consume(basjes.parse(basjesRecord, strings[nextIndex()]));
        bh.consume(basjesRecord.values.size());
    }

    @Benchmark
    public void regexPattern(Blackhole bh) {
        Matcher m = COMBINED.matcher(strings[nextIndex()]);
        if (!m.find()) {
            throw new IllegalStateException("regex did not match");
        }
        bh.consume(m.group(1));
        bh.consume(OffsetDateTime.parse(m.group(2), CLF).toInstant().toEpochMilli());
        String[] request = m.group(3).split(" ");
        if (request.length == 3) {
            int q = request[1].indexOf('?');
            bh.consume(request[0]);
            bh.consume(q < 0 ? request[1] : request[1].substring(0, q));
            bh.consume(q < 0 ? null : request[1].substring(q + 1));
            bh.consume(request[2]);
        }
        bh.consume(Integer.parseInt(m.group(4)));
        bh.consume(m.group(5).equals("-") ? 0 : Long.parseLong(m.group(5)));
        bh.consume(m.group(6));
        bh.consume(m.group(7));
    }
}
