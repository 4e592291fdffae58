package io.clickstream.bench;

import io.clickstream.accesslog.LogFormat;
import io.clickstream.generate.AccessLogGenerator;
import io.clickstream.generate.AccessLogGenerator.Line;
import java.time.LocalDate;
import java.util.List;

/** Realistic combined-format lines from the project's generator, without damaged ones: every parser must accept them. */
final class SampleLines {

    private SampleLines() {
    }

    static byte[][] combined(int count, long seed) {
        List<Line> lines = new AccessLogGenerator(LogFormat.of("combined"), seed, 0)
                .days(LocalDate.of(2026, 11, 24), 1, count).get(0);
        byte[][] out = new byte[lines.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lines.get(i).bytes();
        }
        return out;
    }
}
