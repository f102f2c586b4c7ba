package dev.paddock.orchestrator.job;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.job.JobView.StepView;
import dev.paddock.orchestrator.event.EventBus;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs kept in PostgreSQL so every replica can show them. The replica that starts a job runs it on a virtual thread and
 * touches its heartbeat every 10 s; a sweep (one replica at a time, under an advisory lock) fails jobs whose heartbeat
 * is older than a minute, so a job never stays "running" after its replica or its agent died. Finished jobs are kept a
 * day. Callers with {@code JOB_MANAGER_LIST} see every job; with {@code JOB_MANAGER_LIST_OWN} their own.
 */
@Service
public class Jobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    private static final Duration KEEP_FINISHED = Duration.ofDays(1);
    private static final TypeReference<List<StepView>> STEPS = new TypeReference<>() {};

    private final JobRepository jobs;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final EventBus events;
    private final JsonMapper json;
    private final Clock clock;
    private final String replica;
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private volatile @Nullable ScheduledExecutorService ticker;

    Jobs(
            JobRepository jobs,
            TransactionTemplate transactions,
            JdbcTemplate jdbc,
            EventBus events,
            JsonMapper json,
            Clock clock) {
        this.jobs = jobs;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.replica = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The work of a job; returns what the job produced. */
    @FunctionalInterface
    public interface Work {
        Outcome run(JobProgress progress) throws Exception;
    }

    /** A finished job's result and the record it made. */
    public record Outcome(
            @Nullable Object result,
            @Nullable String recordId,
            @Nullable String recordName,
            @Nullable String recordType) {}

    /** Records a job for the current caller and runs it in the background; answers at once. */
    public JobView start(String type, String operation, List<JobStep> steps, Work work) {
        JobEntity job = create(type, operation, steps);
        SecurityContext security = SecurityContextHolder.getContext();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Thread.ofVirtual().name("job-" + job.id).start(() -> {
            SecurityContextHolder.setContext(security);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                execute(job.id, work);
            } catch (Exception alreadyRecorded) {
                // the failure is on the job
            } finally {
                SecurityContextHolder.clearContext();
                MDC.clear();
            }
        });
        return view(job);
    }

    /** Runs a job and waits for it: the synchronous form of an async endpoint, with the same job record and events. */
    public Outcome runNow(String type, String operation, List<JobStep> steps, Work work) throws Exception {
        JobEntity job = create(type, operation, steps);
        return execute(job.id, work);
    }

    private JobEntity create(String type, String operation, List<JobStep> steps) {
        PaddockPrincipal caller = CurrentCaller.require();
        List<StepView> initial = steps.stream()
                .map(step -> new StepView(
                        step.name(),
                        step.displayName(),
                        step.weight(),
                        false,
                        true,
                        "pending",
                        0,
                        0,
                        0,
                        null,
                        null,
                        null,
                        null))
                .toList();
        JobEntity job = new JobEntity(
                UUID.randomUUID(),
                caller.userId(),
                caller.username(),
                caller.email(),
                type,
                operation,
                json.writeValueAsString(initial),
                replica,
                clock.instant());
        transactions.executeWithoutResult(status -> jobs.save(job));
        publish(job);
        return job;
    }

    private Outcome execute(UUID id, Work work) throws Exception {
        runningHere.add(id);
        update(id, job -> job.state = "running");
        try {
            Outcome outcome = work.run(new Handle(id));
            update(id, job -> {
                List<StepView> steps = steps(job).stream()
                        .map(step -> step.state().equals("completed")
                                ? step
                                : step.with(
                                        "completed",
                                        100,
                                        step.value(),
                                        step.total(),
                                        step.unit(),
                                        step.message(),
                                        null))
                        .toList();
                job.steps = json.writeValueAsString(steps);
                job.state = "completed";
                job.progress = 100;
                job.message = "Completed";
                job.result = outcome.result() == null ? null : json.writeValueAsString(outcome.result());
                job.resultRecordId = outcome.recordId();
                job.resultRecordName = outcome.recordName();
                job.resultRecordType = outcome.recordType();
            });
            return outcome;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            log.warn("Job {} failed: {}", id, reason);
            fail(id, reason);
            throw e;
        } finally {
            runningHere.remove(id);
        }
    }

    private void fail(UUID id, String reason) {
        update(id, job -> {
            job.steps = json.writeValueAsString(steps(job).stream()
                    .map(step -> step.state().equals("running")
                            ? step.with(
                                    "failed",
                                    step.currentPercentage(),
                                    step.value(),
                                    step.total(),
                                    step.unit(),
                                    step.message(),
                                    reason)
                            : step)
                    .toList());
            job.state = "failed";
            job.error = reason;
            job.message = "Failed: " + reason;
        });
    }

    public List<JobView> list() {
        PaddockPrincipal caller = CurrentCaller.require();
        List<JobEntity> visible = caller.has(Claims.JOB_MANAGER_LIST)
                ? jobs.findAllByOrderByCreatedAtDesc()
                : jobs.findByOwnerIdOrderByCreatedAtDesc(caller.userId());
        return visible.stream().map(this::view).toList();
    }

    public JobView get(UUID id) {
        return view(visible(id));
    }

    public void delete(UUID id) {
        JobEntity job = visible(id);
        if (!job.isFinished()) {
            throw ProblemException.conflict(
                    "job-running", "Job " + id + " is still running; it can be deleted once it has finished.");
        }
        transactions.executeWithoutResult(status -> jobs.deleteById(id));
    }

    /** Deletes the caller's finished jobs (all finished jobs for {@code JOB_MANAGER_DELETE}). */
    public int cleanup() {
        PaddockPrincipal caller = CurrentCaller.require();
        List<UUID> finished = (caller.has(Claims.JOB_MANAGER_DELETE)
                        ? jobs.findAllByOrderByCreatedAtDesc()
                        : jobs.findByOwnerIdOrderByCreatedAtDesc(caller.userId()))
                .stream().filter(JobEntity::isFinished).map(job -> job.id).toList();
        transactions.executeWithoutResult(status -> jobs.deleteAllById(finished));
        return finished.size();
    }

    private JobEntity visible(UUID id) {
        PaddockPrincipal caller = CurrentCaller.require();
        return jobs.findById(id)
                .filter(job -> caller.has(Claims.JOB_MANAGER_LIST) || job.ownerId.equals(caller.userId()))
                .orElseThrow(() -> ProblemException.notFound("job-not-found", "No job " + id + " that you can see."));
    }

    private void update(UUID id, java.util.function.Consumer<JobEntity> change) {
        JobEntity updated = transactions.execute(status -> {
            JobEntity job = jobs.findById(id).orElseThrow();
            change.accept(job);
            job.progress = job.state.equals("completed") ? 100 : overall(steps(job));
            job.updatedAt = clock.instant();
            job.heartbeatAt = job.updatedAt;
            return jobs.save(job);
        });
        if (updated != null) {
            publish(updated);
        }
    }

    private List<StepView> steps(JobEntity job) {
        return json.readValue(job.steps, STEPS);
    }

    private static int overall(List<StepView> steps) {
        int weights = steps.stream().mapToInt(StepView::weight).sum();
        if (weights == 0) {
            return 0;
        }
        return (int) (steps.stream()
                        .mapToLong(s -> (long) s.weight() * s.currentPercentage())
                        .sum()
                / weights);
    }

    JobView view(JobEntity job) {
        Long eta = null;
        if (!job.isFinished() && job.progress > 0) {
            long elapsed = Duration.between(job.createdAt, clock.instant()).toSeconds();
            eta = elapsed * (100 - job.progress) / job.progress;
        }
        Object result = job.result == null ? null : json.readTree(job.result);
        return new JobView(
                job.id.toString(),
                job.ownerId,
                job.ownerName,
                job.ownerEmail,
                job.state,
                job.message,
                job.progress,
                job.jobType,
                job.operation,
                true,
                steps(job),
                result,
                job.resultRecordId,
                job.resultRecordName,
                job.resultRecordType,
                job.error,
                eta,
                job.createdAt,
                job.updatedAt);
    }

    private void publish(JobEntity job) {
        events.publish("job_manager", "JOB_UPDATED", view(job));
    }

    /** Keeps this replica's running jobs alive and, on one replica at a time, fails abandoned ones. */
    private void tick() {
        try {
            if (!runningHere.isEmpty()) {
                transactions.executeWithoutResult(status -> jobs.touch(List.copyOf(runningHere), clock.instant()));
            }
            transactions.executeWithoutResult(status -> {
                Boolean leader = jdbc.queryForObject(
                        "select pg_try_advisory_xact_lock(hashtext('paddock.jobs.sweep'))", Boolean.class);
                if (!Boolean.TRUE.equals(leader)) {
                    return;
                }
                Instant now = clock.instant();
                for (JobEntity abandoned : jobs.findAbandoned(now.minus(ABANDONED_AFTER))) {
                    String reason = "The orchestrator replica running this job (" + abandoned.replica
                            + ") stopped; no progress since " + abandoned.heartbeatAt + ". Try the operation again.";
                    log.warn("Failing abandoned job {}: {}", abandoned.id, reason);
                    abandoned.state = "failed";
                    abandoned.error = reason;
                    abandoned.message = "Failed: " + reason;
                    abandoned.updatedAt = now;
                    jobs.save(abandoned);
                    publish(abandoned);
                }
                jobs.deleteFinishedBefore(now.minus(KEEP_FINISHED));
            });
        } catch (RuntimeException e) {
            log.warn("Job sweep failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("job-sweeper").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::tick, 10, 10, TimeUnit.SECONDS);
        ticker = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = ticker;
        if (scheduler != null) {
            scheduler.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }

    /** Runs the sweep now (tests and operators need not wait ten seconds). */
    void sweepNow() {
        tick();
    }

    private final class Handle implements JobProgress {

        private final UUID id;
        private volatile long lastAdvance;

        Handle(UUID id) {
            this.id = id;
        }

        @Override
        public UUID jobId() {
            return id;
        }

        @Override
        public void start(String step, @Nullable String message) {
            update(id, job -> {
                job.steps = json.writeValueAsString(changeStep(
                        job,
                        step,
                        s -> s.with("running", s.currentPercentage(), s.value(), s.total(), s.unit(), message, null)));
                job.message = message != null ? message : displayName(job, step);
            });
        }

        @Override
        public void advance(String step, long value, long total, @Nullable String unit) {
            long now = System.currentTimeMillis();
            if (value < total && now - lastAdvance < 500) {
                return;
            }
            lastAdvance = now;
            int percentage = total <= 0 ? 0 : (int) Math.min(100, value * 100 / total);
            update(
                    id,
                    job -> job.steps = json.writeValueAsString(changeStep(
                            job, step, s -> s.with(s.state(), percentage, value, total, unit, s.message(), null))));
        }

        @Override
        public void complete(String step) {
            update(
                    id,
                    job -> job.steps = json.writeValueAsString(changeStep(
                            job,
                            step,
                            s -> s.with("completed", 100, s.value(), s.total(), s.unit(), s.message(), null))));
        }

        @Override
        public void delegatedTo(UUID hostId, String hostJobId) {
            update(id, job -> {
                job.hostId = hostId;
                job.hostJobId = hostJobId;
            });
        }

        private List<StepView> changeStep(
                JobEntity job, String name, java.util.function.UnaryOperator<StepView> change) {
            List<StepView> steps = new ArrayList<>(steps(job));
            boolean found = false;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).name().equals(name)) {
                    steps.set(i, change.apply(steps.get(i)));
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("job " + job.jobType + " has no step " + name);
            }
            return steps;
        }

        private String displayName(JobEntity job, String step) {
            return steps(job).stream()
                    .filter(s -> s.name().equals(step))
                    .map(StepView::displayName)
                    .findFirst()
                    .orElse(step);
        }
    }
}
