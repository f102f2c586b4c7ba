package dev.paddock.common.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.paddock.common.web.RequestIds;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * A Logback appender on the root logger that keeps the last lines this service logged and hands new ones to
 * followers. Logging never waits for a follower: each has a bounded queue, and lines a slow follower cannot take are
 * counted as dropped rather than held.
 */
public final class RecentLogs extends AppenderBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

    private final int capacity;
    private final ArrayDeque<String> lines;
    private final Set<Follower> followers = new CopyOnWriteArraySet<>();

    public RecentLogs(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
        setName("paddock-recent-logs");
    }

    /** Attaches to the root logger of the running Logback context (done once, when the service starts). */
    public RecentLogs attach() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setContext(context);
            start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this);
        }
        return this;
    }

    public void detach() {
        if (getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        }
        stop();
    }

    /** The last {@code count} lines, oldest first. */
    public List<String> last(int count) {
        synchronized (lines) {
            List<String> all = new ArrayList<>(lines);
            return all.subList(Math.max(0, all.size() - count), all.size());
        }
    }

    /** A follower of new lines; close it when done. */
    public Follower follow() {
        Follower follower = new Follower(this);
        followers.add(follower);
        return follower;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = format(event);
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
        }
        for (Follower follower : followers) {
            follower.offer(line);
        }
    }

    static String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(event.getInstant()))
                .append(' ')
                .append(event.getLevel())
                .append(' ');
        String requestId = event.getMDCPropertyMap().get(RequestIds.MDC_KEY);
        if (requestId != null) {
            line.append('[').append(requestId).append("] ");
        }
        String logger = event.getLoggerName();
        line.append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ").append(event.getFormattedMessage());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(" (")
                    .append(thrown.getClassName())
                    .append(": ")
                    .append(thrown.getMessage())
                    .append(')');
        }
        return line.toString();
    }

    /** New lines for one reader, in order; {@link #dropped()} counts those it was too slow to take. */
    public static final class Follower implements AutoCloseable {

        private final RecentLogs logs;
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(1000);
        private final AtomicLong dropped = new AtomicLong();

        private Follower(RecentLogs logs) {
            this.logs = logs;
        }

        void offer(String line) {
            if (!queue.offer(line)) {
                dropped.incrementAndGet();
            }
        }

        /** The next line, waiting up to {@code millis}; null if none came. */
        public @Nullable String next(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        public long dropped() {
            return dropped.get();
        }

        @Override
        public void close() {
            logs.followers.remove(this);
        }
    }
}
