package io.clickstream.jobs;

import io.clickstream.accesslog.FormatRules;
import io.clickstream.accesslog.LogFormat;
import io.clickstream.accesslog.RequestClass;
import io.clickstream.privacy.IpAnonymizer;
import io.clickstream.sessions.SessionRules;
import io.clickstream.sessions.UserAgents;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;

/**
 * Every {@code clickstream.*} key of the pipeline, declared once. The README's configuration table is
 * {@link #markdownTable()} (a test keeps them equal); {@link #validate} reads every user setting before a
 * command starts, so that a bad value fails in a second with the key's name, not in a task an hour later.
 */
public final class Settings {

    public static final Setting<LogFormat> ACCESS_LOGS_FORMAT = Setting.of("clickstream.access-logs.format", "combined",
            "a preset — `common`, `combined`, `vhost_combined` (Apache), `nginx_combined` (also written `apache:combined`,"
                    + " `nginx:combined`) — or the format exactly as in the server config: an Apache `LogFormat` or nginx"
                    + " `log_format` string (escaped quotes `\\\"` as pasted are fine), JSON formats included, or the whole"
                    + " directive pasted. The directives read, and which wins where several give one field, are in"
                    + " [mapreduce/README.md](mapreduce/README.md#clean-access-logs-raw-logs--page_views--quarantine); others are"
                    + " matched and ignored. A format without client address, time and status, or with a line break, is"
                    + " refused before the job starts.",
            LogFormat::of);
    public static final Setting<FormatRules> ACCESS_LOGS_FORMATS = Setting.of("clickstream.access-logs.formats", "",
            "formats for some of the files, when front ends log differently or a format changed during the day: one rule"
                    + " `GLOB => FORMAT` per line (a glob on the file name, or on its path when it has a `/`; a format as"
                    + " above). A file is read with the formats of the rules that match it, in order, then"
                    + " `clickstream.access-logs.format`: each line with the first that fits (so put a longer format"
                    + " before one it extends); a line that fits none is quarantined with a reason naming the file",
            FormatRules::parse);
    public static final Setting<RequestClass.Rules> ACCESS_LOGS_STATIC_FILES = Setting.of(
            "clickstream.access-logs.static-files", RequestClass.DEFAULT_STATIC_FILES,
            "what is a static file, not a page view: comma-separated extensions (`.css`) and path prefixes (`/static/`),"
                    + " case-insensitive; such requests are kept with `request_class` `asset`",
            RequestClass.Rules::of);
    public static final Setting<ZoneId> ACCESS_LOGS_TIME_ZONE = Setting.of("clickstream.access-logs.time-zone", "UTC",
            "the zone the web servers log in (`Europe/Berlin`, `+01:00`): it reads times logged without an offset (a"
                    + " strftime `%{...}t` without `%z`); times with an offset are exact whatever it says",
            ZoneId::of);
    public static final Setting<IpAnonymizer.Mode> IP_ANONYMIZE = Setting.of("clickstream.ip.anonymize", "truncate",
            "`none`; `truncate` (IPv4 /24, IPv6 /48); `hash` (HMAC-SHA256, 32 hex digits: stable per address, so"
                    + " sessions still work). Applied to the canonical address: port, IPv6 zone and all but the first"
                    + " of an X-Forwarded-For list dropped, IPv4-mapped IPv6 as IPv4",
            IpAnonymizer::mode);
    public static final Credential IP_HASH_KEY = new Credential("clickstream.ip.hash.key", "CLICKSTREAM_IP_HASH_KEY",
            "credential alias of the hashing key in a Hadoop credential provider (`hadoop credential create"
                    + " clickstream.ip.hash.key -provider ...`); falls back to the environment variable"
                    + " `CLICKSTREAM_IP_HASH_KEY`; at least 16 bytes; shipped to tasks in the job's credentials, never in"
                    + " `job.xml` or logs");
    public static final Setting<Integer> ACCESS_LOGS_MAX_LINE_BYTES = Setting.of("clickstream.access-logs.max-line-bytes",
            "65536", "longer lines are quarantined as `LINE_TOO_LONG` (their first bytes kept)", intIn(256, 64 << 20));
    public static final Setting<Double> QUARANTINE_MAX_SHARE = Setting.of("clickstream.quarantine.max-share", "0.05",
            "above this share of quarantined records the day is not published (every clean stage)", share());
    public static final Setting<Boolean> INPUT_FAIL_ON_CORRUPT_FILES = Setting.of("clickstream.input.fail-on-corrupt-files",
            "false", "`false`: a corrupt or truncated `.gz`/`.bz2` raw file keeps the lines read before the damage and"
                    + " is quarantined as `CORRUPT_COMPRESSED_FILE` with the offset where reading stopped (the threshold"
                    + " then decides); `true`: any corrupt file fails the stage. Empty files are empty either way",
            Settings::bool);
    public static final Setting<Boolean> DIMENSIONS_ALLOW_EMPTY_EXPORT = Setting.of(
            "clickstream.dimensions.allow-empty-export", "false", "`false`: a customers or products export with no rows"
                    + " (empty, or a header only) fails clean-dimension instead of publishing an empty snapshot",
            Settings::bool);
    public static final Setting<Integer> LOCK_LEASE_SECONDS = Setting.of("clickstream.lock.lease-seconds", "120",
            "a stage's run holds its day under a lease it renews every quarter of this; a run silent for a whole lease"
                    + " has died, and the next run of the day takes over", intIn(5, 86400));
    public static final Setting<Integer> VERSIONS_KEEP = Setting.of("clickstream.versions.keep", "3",
            "versions of a day's partition kept when a stage writes a new one (the published version is kept besides"
                    + " them): older ones, and failed runs' output, are removed", intIn(1, 1000));
    public static final Setting<Integer> EVENTS_LATENESS_DAYS = Setting.of("clickstream.events.lateness-days", "3",
            "how many days back an event may arrive and still be put into its day", intIn(0, 366));
    public static final Setting<Integer> EVENTS_MAX_LINE_BYTES = Setting.of("clickstream.events.max-line-bytes", "262144",
            "longer event lines are quarantined as `LINE_TOO_LONG`", intIn(256, 64 << 20));
    public static final Setting<Long> EVENTS_BYTES_PER_REDUCER = Setting.of("clickstream.events.bytes-per-reducer",
            "1073741824", "input bytes per reducer of clean-events (so, output files per day)", longAtLeast(1));
    public static final Credential JDBC_PASSWORD = new Credential("clickstream.jdbc.password", "CLICKSTREAM_JDBC_PASSWORD",
            "credential alias of the database password `clean-dimension --jdbc-url` connects with; falls back to the"
                    + " environment variable `CLICKSTREAM_JDBC_PASSWORD`; shipped to tasks in the job's credentials,"
                    + " never in `job.xml` or logs");
    public static final Setting<Long> SESSIONS_GAP_MINUTES = Setting.of("clickstream.sessions.gap-minutes", "30",
            "inactivity after which a visitor's next page view starts a new session (1 min to 12 h)", longIn(1, 720));
    public static final Setting<Long> SESSIONS_LOOKAHEAD_HOURS = Setting.of("clickstream.sessions.lookahead-hours", "6",
            "how far a session begun before midnight may run into the next day; `sessionize` reads that much of the next"
                    + " day (gap to 24 h; keep it the same for every day)",
            longIn(1, 24));
    public static final Setting<List<String>> SESSIONS_OWN_HOSTS = Setting.of("clickstream.sessions.own-hosts",
            "shop.example.com", "the shop's host names, comma-separated: referers from them are the `internal` channel",
            Settings::names);
    public static final Setting<Integer> SESSIONS_USER_AGENT_CACHE = Setting.of("clickstream.sessions.user-agent-cache",
            "10000", "distinct User-Agents a task keeps classified (Caffeine, frequency-aware)", intIn(1, 10_000_000));
    public static final Setting<String> SESSIONS_USER_AGENT_REGEXES = Setting.of("clickstream.sessions.user-agent-regexes",
            "", "a newer uap-core `regexes.yaml` to classify User-Agents with (any Hadoop path: `hdfs://…`, `file:///…`),"
                    + " so the rules follow new browsers and crawlers without a release; empty: the ones bundled with"
                    + " uap-java 1.6.1",
            value -> value);
    public static final Setting<List<String>> SESSIONS_BOT_AGENTS = Setting.of("clickstream.sessions.bot-agents",
            UserAgents.DEFAULT_LISTED, "agents that are no visitors (uptime monitors, health checks, your own"
                    + " tools): comma-separated substrings of the User-Agent, any case; flagged `bot_reason` `listed`",
            Settings::commaSeparated);
    public static final Setting<Integer> SESSIONS_BOT_PAGE_VIEWS_PER_MINUTE = Setting.of(
            "clickstream.sessions.bot-page-views-per-minute", "30", "a visitor with more page views in any minute is a"
                    + " bot (`request_rate`), whatever its User-Agent; 0 turns the rule off",
            intIn(0, 100_000));
    public static final Setting<Integer> SESSIONS_BOT_BURST_PAGE_VIEWS = Setting.of("clickstream.sessions.bot-burst-page-views",
            "20", "a visitor with this many page views within five minutes and not one static file is a bot"
                    + " (`no_assets`); 0 turns the rule off — do so when a CDN serves the static files and they are not"
                    + " in these logs",
            intIn(0, 100_000));
    public static final Setting<Integer> SESSIONS_BOT_MAX_REQUESTS = Setting.of("clickstream.sessions.bot-max-requests",
            "5000", "a visitor with more requests in the day (and the lookahead) is a bot (`request_rate`); also the"
                    + " most requests a reducer holds in memory to judge one visitor's behaviour",
            intIn(100, 10_000_000));
    public static final Setting<Long> SESSIONS_BYTES_PER_REDUCER = Setting.of("clickstream.sessions.bytes-per-reducer",
            "268435456", "input bytes per reducer of `sessionize`", longAtLeast(1));
    public static final Setting<LocalDate> CUSTOMER_HISTORY_START_AT = Setting.of("clickstream.customer-history.start-at",
            "", "the day (YYYY-MM-DD) `customer-history` begins a new history at, forgetting earlier versions; on other"
                    + " days a missing history of the day before is an error, unless the history has no earlier day",
            value -> value.isEmpty() ? null : Warehouse.parseDate(value));
    public static final Setting<String> MARTS_CURRENCY = Setting.of("clickstream.marts.currency", "EUR",
            "the shop currency channel revenue is summed in", Settings::currency);
    public static final Setting<Integer> MARTS_REDUCERS = Setting.of("clickstream.marts.reducers", "2",
            "reducers of the `marts` job", intIn(1, 10_000));
    /** Any other Kafka client property of land-kafka's consumers: {@code clickstream.kafka.client.<property>}. */
    public static final String KAFKA_CLIENT_PREFIX = "clickstream.kafka.client.";
    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = Setting.of("clickstream.kafka.bootstrap-servers",
            "127.0.0.1:9092", "the Kafka brokers `land-kafka` pulls from (`host:port,...`); other Kafka client properties"
                    + " as `clickstream.kafka.client.<property>`, secrets among them from a credential provider",
            Settings::hostPorts);
    public static final Setting<Integer> KAFKA_HOUR_GRACE_MINUTES = Setting.of("clickstream.kafka.hour-grace-minutes",
            "10", "how long after its end an hour of a topic waits for stragglers before `land-kafka` gives it its"
                    + " `_SUCCESS`; records for an hour already flagged go to its `_late` folder", intIn(0, 24 * 60));
    public static final Setting<Integer> KAFKA_POLL_TIMEOUT_SECONDS = Setting.of("clickstream.kafka.poll-timeout-seconds",
            "120", "how long a `land-kafka` task waits for records below the end offset taken at the start before it"
                    + " fails", intIn(1, 3600));
    public static final Setting<Boolean> VERBOSE = Setting.of("clickstream.verbose", "true",
            "print job progress (the quickstart turns it off)", Settings::bool);

    /** The UTC day a stage runs for, set by its driver for the tasks. */
    public static final Setting<LocalDate> RUN_DATE = Setting.internal("clickstream.run-date",
            "the UTC day a stage runs for", LocalDate::parse);
    /** Which dimension a clean-dimension job cleans, set by its driver for the tasks. */
    public static final Setting<String> DIMENSION = Setting.internal("clickstream.dimension",
            "the dimension a clean-dimension job cleans", Function.identity());
    /** What a land-kafka job's tasks pull and where they write it (JSON), set by its driver. */
    public static final Setting<String> KAFKA_PULL_PLAN = Setting.internal("clickstream.land-kafka.plan",
            "the offsets a land-kafka job pulls and where it stages them", Function.identity());
    /** A JVM system property (not a job setting): the Derby metastore of the embedded HiveServer2. */
    public static final Setting<String> METASTORE = Setting.internal("clickstream.metastore",
            "the embedded HiveServer2's metastore directory", Function.identity());

    /** A JVM system property the launchers set: the Oozie application they run (its default for {@code run --app}). */
    public static final Setting<String> APP = Setting.internal("clickstream.app",
            "the Oozie application a launcher runs", Function.identity());

    private static final List<Key> ALL = List.of(ACCESS_LOGS_FORMAT, ACCESS_LOGS_FORMATS, ACCESS_LOGS_TIME_ZONE,
            ACCESS_LOGS_STATIC_FILES, IP_ANONYMIZE, IP_HASH_KEY, ACCESS_LOGS_MAX_LINE_BYTES, QUARANTINE_MAX_SHARE,
            INPUT_FAIL_ON_CORRUPT_FILES, LOCK_LEASE_SECONDS, VERSIONS_KEEP, DIMENSIONS_ALLOW_EMPTY_EXPORT, EVENTS_LATENESS_DAYS, EVENTS_MAX_LINE_BYTES, EVENTS_BYTES_PER_REDUCER, JDBC_PASSWORD,
            SESSIONS_GAP_MINUTES,
            SESSIONS_LOOKAHEAD_HOURS, SESSIONS_OWN_HOSTS, SESSIONS_USER_AGENT_CACHE, SESSIONS_USER_AGENT_REGEXES,
            SESSIONS_BOT_AGENTS, SESSIONS_BOT_PAGE_VIEWS_PER_MINUTE, SESSIONS_BOT_BURST_PAGE_VIEWS, SESSIONS_BOT_MAX_REQUESTS,
            SESSIONS_BYTES_PER_REDUCER, CUSTOMER_HISTORY_START_AT, MARTS_CURRENCY, MARTS_REDUCERS, KAFKA_BOOTSTRAP_SERVERS,
            KAFKA_HOUR_GRACE_MINUTES, KAFKA_POLL_TIMEOUT_SECONDS, VERBOSE, RUN_DATE, DIMENSION,
            KAFKA_PULL_PLAN, METASTORE, APP);

    private Settings() {
    }

    /** What the README's table and the checks need of a key, setting or credential alike. */
    public interface Key {
        String key();

        /** The default as a user would write it, or null when there is none. */
        String defaultValue();

        String doc();

        /** Set by a driver for its tasks (or by a launcher), not by users: not documented. */
        boolean internal();
    }

    /** A secret's credential-provider alias and the environment variable it falls back to. */
    public record Credential(String key, String envVar, String doc) implements Key {

        @Override
        public String defaultValue() {
            return null;
        }

        @Override
        public boolean internal() {
            return false;
        }

        /** The secret, or null when neither a credential provider nor the environment has it. */
        public byte[] lookup(Configuration conf) {
            return Secrets.lookup(conf, key, envVar);
        }

        /** Where a user puts it, for error messages. */
        public String where() {
            return "a credential provider under alias '" + key + "' or the environment variable " + envVar;
        }
    }

    /** Every key, in the README's order, the internal ones last. */
    public static List<String> keys() {
        return ALL.stream().map(Key::key).toList();
    }

    /** Reads every user setting: @throws IllegalArgumentException naming the first key whose value is refused. */
    public static void validate(Configuration conf) {
        for (Key entry : ALL) {
            if (entry instanceof Setting<?> setting && !setting.internal()) {
                setting.get(conf);
            }
        }
        sessionRules(conf);
    }

    /** The session rules of {@link #SESSIONS_GAP_MINUTES} and {@link #SESSIONS_LOOKAHEAD_HOURS}, checked together. */
    public static SessionRules sessionRules(Configuration conf) {
        try {
            return SessionRules.DEFAULT.with(Duration.ofMinutes(SESSIONS_GAP_MINUTES.get(conf)),
                    Duration.ofHours(SESSIONS_LOOKAHEAD_HOURS.get(conf)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SESSIONS_GAP_MINUTES + " and " + SESSIONS_LOOKAHEAD_HOURS + ": " + e.getMessage(), e);
        }
    }

    /** The README's configuration table. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
        for (Key entry : ALL) {
            if (!entry.internal()) {
                table.append(row(entry.key(), entry.defaultValue() == null ? "—" : shown(entry.defaultValue()), entry.doc()));
            }
        }
        return table.toString();
    }

    private static String row(String key, String defaultValue, String doc) {
        return "| `" + key + "` | " + defaultValue + " | " + doc + " |\n";
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : value.matches("[0-9.]+|true|false") ? value : "`" + value + "`";
    }

    private static Function<String, Integer> intIn(int min, int max) {
        return value -> (int) (long) longIn(min, max).apply(value);
    }

    private static Function<String, Long> longIn(long min, long max) {
        return value -> {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return parsed;
        };
    }

    private static Function<String, Long> longAtLeast(long min) {
        return longIn(min, Long.MAX_VALUE);
    }

    private static Function<String, Double> share() {
        return value -> {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new IllegalArgumentException("must be a share between 0 and 1");
            }
            return parsed;
        };
    }

    private static Boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static List<String> commaSeparated(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> names(String value) {
        List<String> names = commaSeparated(value);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("needs at least one host name");
        }
        return names;
    }

    private static String hostPorts(String value) {
        for (String hostPort : commaSeparated(value)) {
            if (!hostPort.matches("[A-Za-z0-9.\\-]+:\\d{1,5}|\\[[0-9A-Fa-f:]+\\]:\\d{1,5}")) {
                throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
            }
        }
        if (commaSeparated(value).isEmpty()) {
            throw new IllegalArgumentException("needs at least one host:port");
        }
        return value;
    }

    private static String currency(String value) {
        if (!value.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("must be an ISO 4217 code such as EUR");
        }
        return value;
    }
}
