package dev.paddock.contracts.job;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reference's {@code JobResponse}: what the agent's and the orchestrator's {@code /api/v1/jobs/{id}} answer, and
 * what the orchestrator reads back when it follows an agent's job.
 *
 * @param state one of {@link JobState}'s wire names
 * @param progress 0–100
 */
public record JobView(
        String id,
        String owner,
        String ownerName,
        @Nullable String ownerEmail,
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

    /** The state as a value; an unknown wire name reads as still running, so a newer agent's state is waited on. */
    public JobState jobState() {
        return JobState.fromWire(state).orElse(JobState.RUNNING);
    }

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
            @Nullable String unit) {

        /** The same step with new progress. */
        public StepView with(
                String newState,
                int percentage,
                long newValue,
                long newTotal,
                @Nullable String newUnit,
                @Nullable String newMessage,
                @Nullable String newError) {
            return new StepView(
                    name,
                    displayName,
                    weight,
                    parallel,
                    hasPercentage,
                    newState,
                    percentage,
                    newValue,
                    newTotal,
                    eta,
                    newMessage,
                    newError,
                    newUnit);
        }
    }
}
