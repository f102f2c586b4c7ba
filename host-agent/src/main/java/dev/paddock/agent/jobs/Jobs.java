package dev.paddock.agent.jobs;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.job.JobView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Runs jobs on virtual threads, with the caller's identity and request id carried over, and keeps finished jobs for an
 * hour. Callers with {@code JOB_MANAGER_LIST} see every job; with {@code JOB_MANAGER_LIST_OWN}, only their own.
 */
@Service
public class Jobs {

    private static final Logger log = LoggerFactory.getLogger(Jobs.class);
    private static final Duration KEEP_FINISHED = Duration.ofHours(1);

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Jobs(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The work of a job; it returns what the job's result record is. */
    @FunctionalInterface
    public interface Work {
        Outcome run(Progress progress) throws Exception;
    }

    /** What a finished job produced. */
    public record Outcome(
            @Nullable Object result,
            @Nullable String recordId,
            @Nullable String recordName,
            @Nullable String recordType) {}

    /** Starts a job for the current caller and returns at once. */
    public JobView start(String type, String operation, List<Job.StepSpec> steps, Work work) {
        PaddockPrincipal caller = CurrentCaller.require();
        Job job = new Job(caller.userId(), caller.username(), caller.email(), type, operation, steps, clock);
        jobs.put(job.id(), job);
        SecurityContext security = SecurityContextHolder.getContext();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Thread.ofVirtual().name("job-" + job.id()).start(() -> {
            SecurityContextHolder.setContext(security);
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                job.begin();
                publish(job);
                Outcome outcome = work.run(progressOf(job));
                job.complete(outcome.result(), outcome.recordId(), outcome.recordName(), outcome.recordType());
            } catch (Exception e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Job {} ({} {}) failed: {}", job.id(), type, operation, reason);
                job.fail(reason);
            } finally {
                publish(job);
                SecurityContextHolder.clearContext();
                MDC.clear();
            }
        });
        publish(job);
        return job.view();
    }

    /** Runs a job and waits for it (the synchronous variant of an async endpoint): same steps, same events. */
    public Outcome runNow(String type, String operation, List<Job.StepSpec> steps, Work work) throws Exception {
        PaddockPrincipal caller = CurrentCaller.require();
        Job job = new Job(caller.userId(), caller.username(), caller.email(), type, operation, steps, clock);
        jobs.put(job.id(), job);
        job.begin();
        publish(job);
        try {
            Outcome outcome = work.run(progressOf(job));
            job.complete(outcome.result(), outcome.recordId(), outcome.recordName(), outcome.recordType());
            return outcome;
        } catch (Exception e) {
            job.fail(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        } finally {
            publish(job);
        }
    }

    public List<JobView> list() {
        purgeOld();
        PaddockPrincipal caller = CurrentCaller.require();
        return jobs.values().stream()
                .filter(job ->
                        caller.has(Claims.JOB_MANAGER_LIST) || job.ownerId().equals(caller.userId()))
                .map(Job::view)
                .sorted(Comparator.comparing(JobView::createdAt).reversed())
                .toList();
    }

    public JobView get(String id) {
        return visible(id).view();
    }

    public void delete(String id) {
        Job job = visible(id);
        if (!job.isFinished()) {
            throw ProblemException.conflict(
                    "job-running", "Job " + id + " is still running; it can be deleted once it has finished.");
        }
        jobs.remove(id);
    }

    private Job visible(String id) {
        PaddockPrincipal caller = CurrentCaller.require();
        Job job = jobs.get(id);
        if (job == null
                || !(caller.has(Claims.JOB_MANAGER_LIST) || job.ownerId().equals(caller.userId()))) {
            throw ProblemException.notFound("job-not-found", "No job " + id + " that you can see.");
        }
        return job;
    }

    private Progress progressOf(Job job) {
        return new Progress() {
            @Override
            public void start(String step, @Nullable String message) {
                job.startStep(step, message);
                publish(job);
            }

            @Override
            public void advance(String step, long value, long total, @Nullable String unit) {
                job.stepProgress(step, value, total, unit);
                publish(job);
            }

            @Override
            public void complete(String step) {
                job.completeStep(step);
                publish(job);
            }
        };
    }

    private void publish(Job job) {
        events.publishEvent(new JobUpdated(job.view()));
    }

    private void purgeOld() {
        Instant cutoff = clock.instant().minus(KEEP_FINISHED);
        jobs.values().removeIf(job -> job.isFinished() && job.updatedAt().isBefore(cutoff));
    }
}
