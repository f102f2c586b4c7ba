package dev.paddock.agent.jobs.web;

import dev.paddock.agent.jobs.Jobs;
import dev.paddock.common.job.JobsEndpoint;
import dev.paddock.contracts.job.JobView;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/** This host's jobs (VM creations, catalog pushes and pulls) on the reference's job API. */
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
        return jobs.get(id);
    }

    @Override
    public void delete(String id) {
        jobs.delete(id);
    }
}
