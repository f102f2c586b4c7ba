package dev.paddock.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressReportTests {

    private static final long MIB = 1024 * 1024;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    @Test
    void drawsABarWithRateAndTimeLeftOnATerminal() {
        ManualClock clock = new ManualClock();
        StringWriter err = new StringWriter();
        ProgressReport report =
                new ProgressReport(new PrintWriter(err), true, clock, "push macos:15.1", ProgressReport.Unit.BYTES);

        clock.advance(Duration.ofSeconds(4));
        report.update(100 * MIB, 400 * MIB);

        assertThat(err.toString())
                .startsWith("\rpush macos:15.1 [######                  ]  25%")
                .contains("100.0 MiB / 400.0 MiB", "25.0 MiB/s", "ETA 12s");
    }

    @Test
    void printsPlainLinesEveryTenthInALog() {
        ManualClock clock = new ManualClock();
        StringWriter err = new StringWriter();
        ProgressReport report =
                new ProgressReport(new PrintWriter(err), false, clock, "pull", ProgressReport.Unit.BYTES);

        for (int i = 0; i <= 1000; i++) {
            clock.advance(Duration.ofMillis(10));
            report.update(i * MIB, 1000 * MIB);
        }
        report.finish();

        assertThat(err.toString().lines())
                .hasSize(11)
                .allSatisfy(line -> assertThat(line).doesNotContain("\r", "["));
        assertThat(err.toString().lines().toList().getLast()).contains("100%", "in 10s");
    }

    @Test
    void writesTimesPeopleRead() {
        assertThat(ProgressReport.duration(42)).isEqualTo("42s");
        assertThat(ProgressReport.duration(125)).isEqualTo("2m05s");
        assertThat(ProgressReport.duration(3 * 3600 + 61)).isEqualTo("3h01m");
        assertThat(ProgressReport.size(3 * MIB / 2)).isEqualTo("1.5 MiB");
    }
}
