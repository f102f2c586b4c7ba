package dev.paddock.cli.output;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how far a long transfer has come on standard error, so standard output stays clean for scripts. On a terminal
 * it redraws one bar with the rate and the time left; otherwise (a CI log) it prints a plain line every tenth of the
 * way or every ten seconds, whichever comes first, so logs show progress without thousands of lines.
 */
public final class ProgressReport {

    /** What the numbers count: bytes are shown as MiB with a rate; percent needs no unit. */
    public enum Unit {
        BYTES,
        PERCENT
    }

    private static final int BAR_WIDTH = 24;
    private static final Duration REDRAW_EVERY = Duration.ofMillis(200);
    private static final Duration LOG_AT_LEAST_EVERY = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final boolean terminal;
    private final Clock clock;
    private final String label;
    private final Unit unit;
    private final long startedAt;
    /** When something was last shown; negative until then. */
    private long shownAt = -1;

    private int shownTenth = -1;
    private boolean drawn;

    public ProgressReport(PrintWriter err, boolean terminal, Clock clock, String label, Unit unit) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.label = label;
        this.unit = unit;
        this.startedAt = clock.millis();
    }

    /** Reports {@code done} of {@code total}; cheap when nothing needs showing. Safe from several threads. */
    public synchronized void update(long done, long total) {
        long now = clock.millis();
        int tenth = total <= 0 ? 0 : (int) Math.min(10, done * 10 / total);
        if (terminal) {
            if (shownAt >= 0 && now - shownAt < REDRAW_EVERY.toMillis() && done < total) {
                return;
            }
            err.print("\r" + line(done, total, now) + "\u001b[K");
            drawn = true;
        } else {
            if (tenth == shownTenth && now - shownAt < LOG_AT_LEAST_EVERY.toMillis()) {
                return;
            }
            err.println(line(done, total, now));
            shownTenth = tenth;
        }
        shownAt = now;
        err.flush();
    }

    /** Ends the bar's line so what follows starts on a fresh one. */
    public synchronized void finish() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    String line(long done, long total, long now) {
        double fraction = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        StringBuilder text = new StringBuilder(label).append(' ');
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            text.append('[')
                    .append("#".repeat(filled))
                    .append(" ".repeat(BAR_WIDTH - filled))
                    .append("] ");
        }
        text.append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction * 100)));
        double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
        if (unit == Unit.BYTES) {
            text.append(String.format(
                    Locale.ROOT, "  %s / %s  %s/s", size(done), size(total), size((long) (done / seconds))));
        }
        if (done > 0 && done < total) {
            long left = Math.round(seconds * (total - done) / done);
            text.append("  ETA ").append(duration(left));
        } else if (done >= total && total > 0) {
            text.append("  in ").append(duration(Math.round(seconds)));
        }
        return text.toString();
    }

    public static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + String.format(Locale.ROOT, "%02d", seconds % 3600 / 60) + "m";
    }
}
