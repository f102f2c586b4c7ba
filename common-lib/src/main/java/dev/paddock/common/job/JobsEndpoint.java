package dev.paddock.common.job;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.contracts.job.JobView;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The reference's {@code /api/v1/jobs}: routes, claims and answers, declared once. The agent serves it for its host's
 * jobs and the orchestrator for the fleet's; each implements it in a {@code @RestController} (Spring MVC and the claim
 * check read these annotations from the interface).
 */
@RequestMapping(JobsEndpoint.PATH)
@Tag(name = "Jobs")
public interface JobsEndpoint {

    String PATH = "/api/v1/jobs";

    /** The caller's jobs, or everyone's with {@code JOB_MANAGER_LIST}; newest first. */
    @GetMapping
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_LIST, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    List<JobView> list();

    @GetMapping("/{id}")
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_LIST, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    JobView get(@PathVariable("id") String id);

    /** Deletes a finished job (409 while it runs). */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_DELETE, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    void delete(@PathVariable("id") String id);
}
