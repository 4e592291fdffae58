package io.clickstream.accesslog;

/** What a directive of a log format writes, and therefore how its bytes are read back. */
enum FieldKind {
    CLIENT_IP,
    /** Apache {@code %t}: {@code [10/Oct/2000:13:55:36 -0700]}, brackets included. */
    TIME_BRACKETED,
    /** nginx {@code $time_local}: the same without brackets. */
    TIME_CLF,
    /** nginx {@code $time_iso8601}: {@code 2000-10-10T13:55:36+00:00}. */
    TIME_ISO8601,
    /** Apache {@code %{sec}t}. */
    TIME_EPOCH_SECONDS,
    /** Apache {@code %{msec}t}. */
    TIME_EPOCH_MILLIS,
    /** Apache {@code %{usec}t}: microseconds since the epoch (kept to the millisecond). */
    TIME_EPOCH_MICROS,
    /** nginx {@code $msec}: seconds with a millisecond fraction. */
    TIME_EPOCH_SECONDS_FRACTION,
    /** Apache {@code %{pattern}t} with any other strftime pattern: a part of the time or all of it. */
    TIME_STRFTIME,
    /** Apache {@code %{msec_frac}t}: the milliseconds of the request time, three digits. */
    TIME_MSEC_FRAC,
    /** Apache {@code %{usec_frac}t}: its microseconds, six digits (kept to the millisecond). */
    TIME_USEC_FRAC,
    REQUEST_LINE,
    METHOD,
    /** Path and query together, as in nginx {@code $request_uri}. */
    URI,
    PATH,
    /** Apache {@code %q}: empty or {@code ?query}. */
    QUERY_WITH_MARK,
    /** nginx {@code $args}: the query without {@code ?}. */
    QUERY,
    PROTOCOL,
    STATUS,
    /** The response body's size: Apache {@code %b} (where {@code -} means zero), {@code %B}, nginx {@code $body_bytes_sent}. */
    BYTES,
    /** Bytes sent on the wire, headers included: Apache {@code %O}, nginx {@code $bytes_sent}. */
    BYTES_SENT,
    REFERER,
    USER_AGENT,
    VHOST,
    RESPONSE_TIME_MICROS,
    RESPONSE_TIME_MILLIS,
    RESPONSE_TIME_SECONDS,
    /** nginx {@code $request_time}: seconds with a millisecond fraction. */
    RESPONSE_TIME_SECONDS_FRACTION,
    /** Known or unknown directive whose value we do not keep (e.g. {@code %l}, {@code $remote_user}). */
    IGNORED;

    boolean isTime() {
        return this == TIME_BRACKETED || this == TIME_CLF || this == TIME_ISO8601
                || this == TIME_EPOCH_SECONDS || this == TIME_EPOCH_MILLIS || this == TIME_EPOCH_MICROS
                || this == TIME_EPOCH_SECONDS_FRACTION;
    }

    /** Kinds that give the request time or a part of it (its date, its fraction of a second). */
    boolean isTimePart() {
        return isTime() || this == TIME_STRFTIME || this == TIME_MSEC_FRAC || this == TIME_USEC_FRAC;
    }

    /** The digits of a fraction kind ({@code %{msec_frac}t} 3, {@code %{usec_frac}t} 6), 0 for any other. */
    int fractionDigits() {
        return this == TIME_MSEC_FRAC ? 3 : this == TIME_USEC_FRAC ? 6 : 0;
    }

    /** Kinds whose value's length the value itself tells (a strftime pattern, a fraction's digits): no separator needed. */
    boolean hasOwnLength() {
        return this == TIME_STRFTIME || this == TIME_MSEC_FRAC || this == TIME_USEC_FRAC;
    }

    /** Kinds whose value may contain spaces: unquoted, they end where the rest of the line still fits the format. */
    boolean mayContainSpaces() {
        return this == REQUEST_LINE || this == REFERER || this == USER_AGENT || this == TIME_CLF;
    }

    /** Kinds whose value never contains a space: an unquoted one at the end of a format stops at the first space. */
    boolean isToken() {
        return this != REQUEST_LINE && this != REFERER && this != USER_AGENT && this != IGNORED
                && this != TIME_BRACKETED && this != TIME_CLF && this != TIME_STRFTIME;
    }
}
