package dev.paddock.cli.jobs;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer;
import dev.paddock.cli.output.Printer.Column;
import dev.paddock.cli.output.ProgressReport;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "jobs",
        description = "Long operations: VM creation, pushes and pulls.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Get.class, JobsCommand.Watch.class})
public final class JobsCommand {

    static final List<Column> COLUMNS = List.of(
            Column.field("ID", "id"),
            new Column(
                    "JOB",
                    job -> job.path("job_type").asString("") + " "
                            + job.path("job_operation").asString("")),
            Column.field("STATE", "state"),
            new Column("PROGRESS", job -> job.path("progress").asInt() + "%"),
            Column.field("RESULT", "result_record_name"),
            Column.field("ERROR", "error"),
            Column.field("CREATED", "created_at"));

    private JobsCommand() {}

    @Command(name = "list", aliases = "ls", description = "List jobs (yours, or everyone's with JOB_MANAGER_LIST).")
    static final class ListJobs extends BaseCommand {
        @Option(names = "--state", description = "Only jobs in this state: pending, running, completed, failed.")
        String state = "";

        ListJobs(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            JsonNode jobs = api().get("/api/v1/jobs");
            if (!state.isEmpty()) {
                jobs = Printer.rowsWhere(jobs, "state", state);
            }
            printer().print(jobs, COLUMNS);
        }
    }

    @Command(name = "get", description = "Show one job with its steps.")
    static final class Get extends BaseCommand {
        @Parameters(index = "0", description = "Job id.")
        String id = "";

        Get(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            printer().print(api().get("/api/v1/jobs/" + Paths.segment(id)), COLUMNS);
        }
    }

    @Command(name = "watch", description = "Follow a job to its end with a progress bar; exits non-zero if it fails.")
    static final class Watch extends BaseCommand {
        @Parameters(index = "0", description = "Job id.")
        String id = "";

        @Option(names = "--timeout", description = "Give up waiting after this many seconds (default 3600).")
        long timeoutSeconds = 3600;

        Watch(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            var api = api();
            JsonNode job = api.get("/api/v1/jobs/" + Paths.segment(id));
            JsonNode done = new JobFollower(api, env.clock())
                    .follow(
                            id,
                            progress(JobFollower.label(job), ProgressReport.Unit.PERCENT),
                            Duration.ofSeconds(timeoutSeconds));
            printer()
                    .message(
                            "Job " + id + " completed: "
                                    + done.path("result_record_name").asString(""),
                            done);
        }
    }
}
