package dev.paddock.agent.jobs;

import org.jspecify.annotations.Nullable;

/** What a job's runner uses to report: steps started, advanced and completed. Every call publishes an update. */
public interface Progress {

    void start(String step, @Nullable String message);

    /** @param unit what {@code value} and {@code total} count, e.g. {@code bytes} */
    void advance(String step, long value, long total, @Nullable String unit);

    void complete(String step);
}
