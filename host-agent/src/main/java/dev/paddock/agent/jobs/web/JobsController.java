package dev.paddock.agent.jobs.web;

import dev.paddock.agent.jobs.Jobs;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.job.JobView;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(AgentApi.JOBS)
@Tag(name = "Jobs")
class JobsController {

    private final Jobs jobs;

    JobsController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_LIST, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    List<JobView> list() {
        return jobs.list();
    }

    @GetMapping("/{id}")
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_LIST, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    JobView get(@PathVariable String id) {
        return jobs.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequiresClaims(
            value = {Claims.JOB_MANAGER_DELETE, Claims.JOB_MANAGER_LIST_OWN},
            match = Match.ANY)
    void delete(@PathVariable String id) {
        jobs.delete(id);
    }
}
