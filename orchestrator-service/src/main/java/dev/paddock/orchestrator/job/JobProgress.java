package dev.paddock.orchestrator.job;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a job's work reports through; every call is persisted (progress at most twice a second) and published. */
public interface JobProgress {

    UUID jobId();

    void start(String step, @Nullable String message);

    void advance(String step, long value, long total, @Nullable String unit);

    void complete(String step);

    /** Links the job to the agent job doing the work on a host, for operators following it there. */
    void delegatedTo(UUID hostId, String hostJobId);
}
