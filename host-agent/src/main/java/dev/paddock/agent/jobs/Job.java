package dev.paddock.agent.jobs;

import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.job.JobView.StepView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A running or finished job. Its runner advances it through {@link Progress}; readers take {@link #view()} snapshots.
 * All mutation is synchronised on the job, so a view is never half-updated.
 */
public final class Job {

    /** One declared step and its weight in the overall progress. */
    public record StepSpec(String name, String displayName, int weight) {}

    private final String id = UUID.randomUUID().toString();
    private final String ownerId;
    private final String ownerName;
    private final String ownerEmail;
    private final String type;
    private final String operation;
    private final List<Step> steps = new ArrayList<>();
    private final Clock clock;
    private final Instant createdAt;
    private Instant updatedAt;
    private String state = "pending";
    private @Nullable String message;
    private @Nullable Object result;
    private @Nullable String resultId;
    private @Nullable String resultName;
    private @Nullable String resultType;
    private @Nullable String error;

    Job(
            String ownerId,
            String ownerName,
            String ownerEmail,
            String type,
            String operation,
            List<StepSpec> specs,
            Clock clock) {
        this.ownerId = ownerId;
        this.ownerName = ownerName;
        this.ownerEmail = ownerEmail;
        this.type = type;
        this.operation = operation;
        this.clock = clock;
        this.createdAt = clock.instant();
        this.updatedAt = createdAt;
        specs.forEach(spec -> steps.add(new Step(spec)));
    }

    public String id() {
        return id;
    }

    String ownerId() {
        return ownerId;
    }

    synchronized boolean isFinished() {
        return state.equals("completed") || state.equals("failed");
    }

    synchronized Instant updatedAt() {
        return updatedAt;
    }

    synchronized void begin() {
        state = "running";
        touch();
    }

    synchronized void startStep(String name, @Nullable String stepMessage) {
        Step step = step(name);
        step.state = "running";
        step.startedAt = clock.instant();
        step.message = stepMessage;
        message = stepMessage != null ? stepMessage : step.spec.displayName();
        touch();
    }

    synchronized void stepProgress(String name, long value, long total, @Nullable String unit) {
        Step step = step(name);
        step.value = value;
        step.total = total;
        step.unit = unit;
        step.percentage = total <= 0 ? 0 : (int) Math.min(100, value * 100 / total);
        touch();
    }

    synchronized void completeStep(String name) {
        Step step = step(name);
        step.state = "completed";
        step.percentage = 100;
        touch();
    }

    synchronized void complete(
            @Nullable Object resultValue,
            @Nullable String recordId,
            @Nullable String recordName,
            @Nullable String recordType) {
        steps.forEach(step -> {
            if (!step.state.equals("completed")) {
                step.state = "skipped".equals(step.state) ? step.state : "completed";
                step.percentage = 100;
            }
        });
        state = "completed";
        message = "Completed";
        result = resultValue;
        resultId = recordId;
        resultName = recordName;
        resultType = recordType;
        touch();
    }

    synchronized void fail(String reason) {
        steps.stream().filter(step -> step.state.equals("running")).forEach(step -> {
            step.state = "failed";
            step.error = reason;
        });
        state = "failed";
        error = reason;
        message = "Failed: " + reason;
        touch();
    }

    /** Overall progress: each step's percentage weighted by its declared weight. */
    synchronized int progress() {
        int totalWeight = steps.stream().mapToInt(s -> s.spec.weight()).sum();
        if (totalWeight == 0) {
            return isFinished() ? 100 : 0;
        }
        long weighted = steps.stream()
                .mapToLong(s -> (long) s.spec.weight() * s.percentage)
                .sum();
        return (int) (weighted / totalWeight);
    }

    public synchronized JobView view() {
        int progress = progress();
        Long eta = null;
        if (!isFinished() && progress > 0) {
            long elapsed = Duration.between(createdAt, clock.instant()).toSeconds();
            eta = elapsed * (100 - progress) / progress;
        }
        return new JobView(
                id,
                ownerId,
                ownerName,
                ownerEmail,
                state,
                message,
                progress,
                type,
                operation,
                false,
                steps.stream().map(Step::view).toList(),
                result,
                resultId,
                resultName,
                resultType,
                error,
                eta,
                createdAt,
                updatedAt);
    }

    private Step step(String name) {
        return steps.stream()
                .filter(step -> step.spec.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("job " + type + " has no step " + name));
    }

    private void touch() {
        updatedAt = clock.instant();
    }

    private final class Step {
        final StepSpec spec;
        String state = "pending";
        int percentage;
        long value;
        long total;

        @Nullable String unit;

        @Nullable String message;

        @Nullable String error;

        @Nullable Instant startedAt;

        Step(StepSpec spec) {
            this.spec = spec;
        }

        StepView view() {
            Long eta = null;
            if (state.equals("running") && percentage > 0 && startedAt != null) {
                long elapsed = Duration.between(startedAt, clock.instant()).toSeconds();
                eta = elapsed * (100 - percentage) / percentage;
            }
            return new StepView(
                    spec.name(),
                    spec.displayName(),
                    spec.weight(),
                    false,
                    total > 0,
                    state,
                    percentage,
                    value,
                    total,
                    eta,
                    message,
                    error,
                    unit);
        }
    }
}
