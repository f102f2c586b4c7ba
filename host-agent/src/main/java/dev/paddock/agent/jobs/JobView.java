package dev.paddock.agent.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The reference's {@code JobResponse}. */
public record JobView(
        String id,
        String owner,
        String ownerName,
        String ownerEmail,
        String state,
        @Nullable String message,
        int progress,
        String jobType,
        String jobOperation,
        boolean isOrchestratorJob,
        List<StepView> steps,
        @Nullable Object result,
        @Nullable String resultRecordId,
        @Nullable String resultRecordName,
        @Nullable String resultRecordType,
        @Nullable String error,
        @Nullable Long etaSeconds,
        Instant createdAt,
        Instant updatedAt) {

    /** The reference's {@code JobStepResponse}. */
    public record StepView(
            String name,
            String displayName,
            int weight,
            boolean parallel,
            boolean hasPercentage,
            String state,
            int currentPercentage,
            long value,
            long total,
            @Nullable Long eta,
            @Nullable String message,
            @Nullable String error,
            @Nullable String unit) {}
}
