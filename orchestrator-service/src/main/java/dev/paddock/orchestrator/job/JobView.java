package dev.paddock.orchestrator.job;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The reference's {@code JobResponse}. */
public record JobView(
        UUID id,
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

    /** The reference's {@code JobStepResponse}. */
    public record StepView(
            String name,
            String displayName,
            int weight,
            String state,
            int currentPercentage,
            long value,
            long total,
            @Nullable String unit,
            @Nullable String message,
            @Nullable String error) {

        StepView with(
                String newState,
                int percentage,
                long newValue,
                long newTotal,
                @Nullable String newUnit,
                @Nullable String newMessage,
                @Nullable String newError) {
            return new StepView(
                    name, displayName, weight, newState, percentage, newValue, newTotal, newUnit, newMessage, newError);
        }
    }

    /** A step to declare when the job starts. */
    public record Step(String name, String displayName, int weight) {}
}
