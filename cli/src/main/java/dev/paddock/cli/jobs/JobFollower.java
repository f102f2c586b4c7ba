package dev.paddock.cli.jobs;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.ProgressReport;
import dev.paddock.contracts.job.JobState;
import java.time.Clock;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Follows a job on {@code /api/v1/jobs/{id}} until it ends, showing its progress. A failed job becomes a
 * {@link CliException} carrying the job's error, so a script sees a non-zero exit and the reason.
 */
public final class JobFollower {

    private static final Duration POLL_EVERY = Duration.ofMillis(400);

    private final PaddockApi api;
    private final Clock clock;

    public JobFollower(PaddockApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Waits for the job to end; answers its final state when it completed. */
    public JsonNode follow(String jobId, ProgressReport progress, Duration timeout) {
        long deadline = clock.millis() + timeout.toMillis();
        while (true) {
            JsonNode job = api.get("/api/v1/jobs/" + Paths.segment(jobId));
            String state = job.path("state").asString("");
            JobState known = JobState.fromWire(state).orElse(JobState.RUNNING);
            progress.update(job.path("progress").asLong(0), 100);
            if (known == JobState.COMPLETED) {
                progress.update(100, 100);
                progress.finish();
                return job;
            }
            if (known.finished()) {
                progress.finish();
                throw new CliException(
                        ExitCode.FAILURE,
                        "Job " + jobId + " " + state + ": "
                                + job.path("error").asString(job.path("message").asString("")));
            }
            if (clock.millis() > deadline) {
                progress.finish();
                throw new CliException(
                        ExitCode.FAILURE,
                        "Job " + jobId + " is still " + state + " after " + timeout.toSeconds()
                                + " s; follow it with 'paddock jobs watch " + jobId + "'.");
            }
            try {
                Thread.sleep(POLL_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(
                        ExitCode.FAILURE, "Interrupted; the job goes on: 'paddock jobs watch " + jobId + "'.");
            }
        }
    }

    /** A short description of the step a job is in, for the progress label. */
    public static String label(JsonNode job) {
        return job.path("job_type").asString("job") + " "
                + job.path("job_operation").asString("");
    }
}
