package dev.paddock.orchestrator.job.web;

import dev.paddock.common.job.JobsEndpoint;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.contracts.job.JobView;
import dev.paddock.orchestrator.job.Jobs;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RestController;

/** The fleet's jobs on the reference's job API, plus Paddock's clean-up of finished ones. */
@RestController
class JobsController implements JobsEndpoint {

    private final Jobs jobs;

    JobsController(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<JobView> list() {
        return jobs.list();
    }

    @Override
    public JobView get(String id) {
        return jobs.get(jobId(id));
    }

    @Override
    public void delete(String id) {
        jobs.delete(jobId(id));
    }

    @DeleteMapping("/cleanup")
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_DELETE, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    @Operation(summary = "Delete finished jobs (yours, or everyone's with JOB_MANAGER_DELETE)")
    Map<String, Integer> cleanup() {
        return Map.of("deleted", jobs.cleanup());
    }

    /** The fleet's job ids are UUIDs; anything else names no job. */
    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            throw ProblemException.badRequest("invalid-job-id", "'" + id + "' is not a job id: job ids are UUIDs.");
        }
    }
}
