package io.clickstream.oozie;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The coordinator's {@code <sla:info>} as the local runner applies it to a day's run: the run of day D is the
 * coordinator action of nominal time D+1 00:00 UTC; it should start within {@code should-start}, end (successfully)
 * within {@code should-end} and last at most {@code max-duration}. The misses among {@code alert-events} go to
 * {@code alert-contact} in one e-mail a run (Oozie's SLA service sends one an event).
 */
record Sla(Duration shouldStart, Duration shouldEnd, Duration maxDuration, Set<String> alertEvents, String alertContact) {

    static final String NAMESPACE = "uri:oozie:sla:0.2";
    private static final Pattern DURATION = Pattern.compile("\\$\\{\\s*(\\d+)\\s*\\*\\s*(MINUTES|HOURS|DAYS)\\s*}");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)}");

    /** The SLA of the application's coordinator.xml, its properties resolved; null when it declares none. */
    static Sla read(File coordinator, Map<String, String> properties) throws Exception {
        NodeList infos = LocalActions.parse(Files.readString(coordinator.toPath())).getElementsByTagNameNS(NAMESPACE, "info");
        if (infos.getLength() == 0) {
            return null;
        }
        Element info = (Element) infos.item(0);
        return new Sla(duration(info, "should-start"), duration(info, "should-end"), duration(info, "max-duration"),
                Arrays.stream(text(info, "alert-events").split(",")).map(String::strip).collect(Collectors.toSet()),
                resolve(text(info, "alert-contact"), properties));
    }

    /** The nominal time of day D's run. */
    static Instant nominalTime(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The events among {@code alert-events} that a run of {@code day} missed, each with what was expected and what happened. */
    List<String> misses(LocalDate day, Instant started, Instant ended, boolean succeeded) {
        Instant nominal = nominalTime(day);
        List<String> misses = new ArrayList<>();
        if (alertEvents.contains("start_miss") && started.isAfter(nominal.plus(shouldStart))) {
            misses.add("START_MISS: should have started by " + nominal.plus(shouldStart) + ", started " + started);
        }
        if (alertEvents.contains("end_miss") && (!succeeded || ended.isAfter(nominal.plus(shouldEnd)))) {
            misses.add("END_MISS: should have ended by " + nominal.plus(shouldEnd) + ", " + (succeeded ? "ended " : "failed ") + ended);
        }
        Duration took = Duration.between(started, ended);
        if (alertEvents.contains("duration_miss") && took.compareTo(maxDuration) > 0) {
            misses.add("DURATION_MISS: should have taken at most " + maxDuration + ", took " + took);
        }
        return misses;
    }

    /** Mails the run's misses to the alert contact (or says where they would have gone); null when it missed nothing. */
    String alert(String app, LocalDate day, Instant started, Instant ended, boolean succeeded, String runReport,
            Map<String, String> properties) throws LocalActions.ActionFailed {
        List<String> misses = misses(day, started, ended, succeeded);
        if (misses.isEmpty()) {
            return null;
        }
        String subject = app + " dt=" + day + ": SLA " + misses.stream().map(m -> m.substring(0, m.indexOf(':')))
                .collect(Collectors.joining(", "));
        String body = "The run of " + app + " for dt=" + day + " (nominal time " + nominalTime(day) + ") missed its SLA:\n"
                + misses.stream().map(m -> "- " + m + "\n").collect(Collectors.joining())
                + "Run report: " + runReport + "\n";
        return EmailAction.send(alertContact, null, subject, body, properties);
    }

    private static Duration duration(Element info, String name) {
        String value = text(info, name);
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("sla:" + name + " '" + value + "': the local runner reads ${N * MINUTES|HOURS|DAYS}");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "MINUTES" -> Duration.ofMinutes(n);
            case "HOURS" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String resolve(String value, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String property = properties.get(m.group(1));
            if (property == null) {
                throw new IllegalArgumentException("sla:alert-contact needs the property " + m.group(1));
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(property));
        }
        return m.appendTail(resolved).toString();
    }

    private static String text(Element info, String name) {
        NodeList found = info.getElementsByTagNameNS(NAMESPACE, name);
        if (found.getLength() == 0) {
            throw new IllegalArgumentException("sla:info has no sla:" + name);
        }
        return found.item(0).getTextContent().strip();
    }
}
