package io.clickstream.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The record httpdlog-parser fills in the benchmark: the same fields as ours. */
public class BasjesRecord {

    static final List<String> FIELDS = List.of(
            "IP:connection.client.host",
            "TIME.EPOCH:request.receive.time.epoch",
            "HTTP.METHOD:request.firstline.method",
            "HTTP.PATH:request.firstline.uri.path",
            "HTTP.QUERYSTRING:request.firstline.uri.query",
            "HTTP.PROTOCOL_VERSION:request.firstline.protocol",
            "STRING:request.status.last",
            "BYTESCLF:response.body.bytes",
            "HTTP.URI:request.referer",
            "HTTP.USERAGENT:request.user-agent");

    final Map<String, String> values = new HashMap<>();

    public void set(String name, String value) {
        values.put(name, value);
    }
}
