package dev.paddock.orchestrator.deploy;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.job.JobView;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostEnrollment;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.HostViews.CreateEnrollmentToken;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.job.JobProgress;
import dev.paddock.orchestrator.job.JobStep;
import dev.paddock.orchestrator.job.Jobs;
import dev.paddock.orchestrator.job.Jobs.Outcome;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Deploys the host agent to a Mac: one SSH login (host key checked first), the installer and the agent copied to a
 * temporary folder, the installer run as root with a single-use enrollment token, the folder removed, and the answer
 * given once the new agent has enrolled (it enrolls itself, as any agent does). As a job, so that it can also run in
 * the background with its steps shown.
 */
@Service
public class HostDeployment {

    private static final List<JobStep> STEPS = List.of(
            new JobStep("connect", "Logging in to the Mac", 10),
            new JobStep("upload", "Copying the installer and the agent", 40),
            new JobStep("install", "Installing the agent", 30),
            new JobStep("enroll", "Waiting for the agent to enroll", 20));

    private final OrchestratorProperties.Deploy settings;
    private final HostEnrollment enrollment;
    private final Hosts hosts;
    private final Jobs jobs;
    private final EventBus events;

    HostDeployment(
            OrchestratorProperties properties, HostEnrollment enrollment, Hosts hosts, Jobs jobs, EventBus events) {
        this.settings = properties.deploy();
        this.enrollment = enrollment;
        this.hosts = hosts;
        this.jobs = jobs;
        this.events = events;
    }

    /**
     * The reference's {@code DeployOrchestratorHostRequest}, plus {@code ssh_host_key_fingerprint}. The agent installed
     * is the one this orchestrator is configured with, so {@code agent_version}, {@code pre_release}, {@code pd_version},
     * {@code enabled_modules} and {@code root_password} are accepted and not used.
     */
    public record DeployHost(
            @NotBlank @Size(max = 255) String sshHost,
            @Nullable @Min(1) @Max(65535) Integer sshPort,
            @NotBlank @Size(max = 64) String sshUser,
            @Nullable @Size(max = 1024) String sshPassword,
            @Nullable @Size(max = 16384) String sshKey,
            @Nullable @Size(max = 128) String sshHostKeyFingerprint,
            @Nullable Boolean sshInsecureHostKey,
            @Nullable @Size(max = 1024) String sudoPassword,

            @NotBlank @Size(max = 255) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$", message = "may contain letters, digits, . _ -") String hostName,

            @Nullable List<
                            @Pattern(
                                    regexp = "^[A-Za-z0-9._:-]{1,64}$",
                                    message = "tags are 1-64 letters, digits or . _ : -")
                            String>
                    tags,

            @Nullable String rootPassword,
            @Nullable List<String> enabledModules,
            @Nullable String pdVersion,
            @Nullable String agentVersion,
            @Nullable Boolean preRelease,
            @Nullable @Min(1) @Max(65535) Integer agentPort,
            @Nullable @Min(1) @Max(10080) Integer enrollmentTokenTtl) {}

    /** The reference's answer: the new host's id, its name, and what happened. */
    public record Deployed(String hostId, String host, String message) {}

    /** Deploys and waits for the agent to enroll. */
    public Deployed deploy(DeployHost request) throws Exception {
        Prepared prepared = prepare(request);
        return (Deployed) jobs.runNow("hosts", "deploy", STEPS, progress -> run(prepared, progress))
                .result();
    }

    /** Deploys in the background: a job whose result is the {@link Deployed} answer. */
    public JobView deployAsync(DeployHost request) {
        Prepared prepared = prepare(request);
        return jobs.start("hosts", "deploy", STEPS, progress -> run(prepared, progress));
    }

    /** What is checked before anything is sent to the Mac. */
    private record Prepared(DeployHost request, Path installer, Path agentJar, String orchestratorUrl) {}

    private Prepared prepare(DeployHost request) {
        boolean password =
                request.sshPassword() != null && !request.sshPassword().isEmpty();
        boolean key = request.sshKey() != null && !request.sshKey().isBlank();
        if (password == key) {
            throw ProblemException.badRequest(
                    "invalid-deploy-request", "Give one way to log in: ssh_password or ssh_key.");
        }
        if (named(request.hostName()).isPresent()) {
            throw ProblemException.conflict(
                    "host-exists",
                    "A host named " + request.hostName() + " is already in the fleet: remove it first, or give another"
                            + " host_name.");
        }
        return new Prepared(
                request,
                readable(settings.installer(), "installer", "the macOS installer, install/macos/install-agent.sh"),
                readable(settings.agentJar(), "agent-jar", "the host agent's jar"),
                configured(
                        settings.publicUrl() == null
                                ? null
                                : settings.publicUrl().toString()));
    }

    private Outcome run(Prepared prepared, JobProgress progress) throws IOException, InterruptedException {
        DeployHost request = prepared.request();
        String token = enrollment
                .createEnrollmentToken(new CreateEnrollmentToken(request.hostName(), request.enrollmentTokenTtl()))
                .token();
        int port = request.sshPort() == null ? 22 : request.sshPort();
        progress.start("connect", "Logging in to " + request.sshUser() + "@" + request.sshHost() + ":" + port);
        try (SshSession ssh = SshSession.open(
                request.sshHost(),
                port,
                request.sshUser(),
                blankToNull(request.sshPassword()),
                blankToNull(request.sshKey()),
                new SshSession.HostKeyCheck(
                        blankToNull(request.sshHostKeyFingerprint()),
                        settings.knownHosts(),
                        Boolean.TRUE.equals(request.sshInsecureHostKey())),
                settings.connectTimeout())) {
            progress.complete("connect");

            String folder =
                    "/tmp/paddock-deploy-" + UUID.randomUUID().toString().substring(0, 8);
            progress.start("upload", "Copying the installer and the agent to " + folder);
            try (InputStream installer = Files.newInputStream(prepared.installer());
                    InputStream jar = Files.newInputStream(prepared.agentJar())) {
                require(
                        ssh.run(
                                "mkdir -m 700 -p " + quote(folder) + " && cat > " + quote(folder + "/install-agent.sh"),
                                installer),
                        "copying the installer");
                require(ssh.run("cat > " + quote(folder + "/host-agent.jar"), jar), "copying the agent");
            }
            progress.complete("upload");

            progress.start("install", "Running the installer as root");
            String install = sudo(request) + "/bin/bash " + quote(folder + "/install-agent.sh") + " install"
                    + " --orchestrator " + quote(prepared.orchestratorUrl())
                    + " --token " + quote(token)
                    + " --jar " + quote(folder + "/host-agent.jar")
                    + " --name " + quote(request.hostName())
                    + (request.tags() == null || request.tags().isEmpty()
                            ? ""
                            : " --tags " + quote(String.join(",", request.tags())))
                    + " --port " + (request.agentPort() == null ? 3080 : request.agentPort());
            String sudoInput = blankToNull(request.sudoPassword());
            require(
                    ssh.run(
                            install + "; status=$?; rm -rf " + quote(folder) + "; exit $status",
                            sudoInput == null
                                    ? null
                                    : new ByteArrayInputStream((sudoInput + "\n").getBytes(StandardCharsets.UTF_8))),
                    "installing the agent");
            progress.complete("install");
        }

        progress.start("enroll", "Waiting for " + request.hostName() + " to enroll");
        HostSummary host = awaitEnrollment(request.hostName());
        progress.complete("enroll");
        events.publish("orchestrator", "HOST_DEPLOYED", Map.of("host_id", host.id(), "host_name", host.name()));
        Deployed deployed = new Deployed(
                host.id().toString(), host.name(), "The agent was installed on " + request.sshHost() + " and enrolled");
        return new Outcome(deployed, host.id().toString(), host.name(), "host");
    }

    private HostSummary awaitEnrollment(String name) throws InterruptedException {
        long deadline = System.nanoTime() + settings.enrollTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<HostSummary> enrolled = named(name);
            if (enrolled.isPresent()) {
                return enrolled.get();
            }
            Thread.sleep(Duration.ofMillis(500));
        }
        throw new ProblemException(
                HttpStatus.GATEWAY_TIMEOUT,
                "agent-did-not-enroll",
                "The agent did not enroll",
                "The agent was installed on " + name + " but did not enroll within " + settings.enrollTimeout()
                        + ". It must reach " + settings.publicUrl() + "; its log is in /usr/local/var/log/paddock"
                        + " on the Mac.");
    }

    private Optional<HostSummary> named(String name) {
        return hosts.summaries().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    private static void require(SshSession.Result result, String what) {
        if (result.exitStatus() != 0) {
            String output = result.output().strip();
            String tail = output.length() > 2000 ? output.substring(output.length() - 2000) : output;
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "agent-install-failed",
                    "Installing the agent failed",
                    "Failed " + what + " (exit status " + result.exitStatus() + "): " + tail);
        }
    }

    /** Root runs the installer directly; anyone else through sudo, with the password on standard input if given. */
    private static String sudo(DeployHost request) {
        if (request.sshUser().equals("root")) {
            return "";
        }
        return blankToNull(request.sudoPassword()) == null ? "sudo -n " : "sudo -S -p '' ";
    }

    /** One shell word: the value in single quotes, each quote inside written as '\''. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static Path readable(@Nullable Path path, String setting, String what) {
        if (path == null || !Files.isReadable(path)) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "deploy-not-configured",
                    "Deploying is not configured",
                    "This orchestrator cannot deploy agents: set paddock.orchestrator.deploy." + setting + " to " + what
                            + (path == null ? "" : " (" + path + " cannot be read)") + ".");
        }
        return path;
    }

    private static String configured(@Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "deploy-not-configured",
                    "Deploying is not configured",
                    "This orchestrator cannot deploy agents: set paddock.orchestrator.deploy.public-url to the URL"
                            + " a new Mac reaches the orchestrator at.");
        }
        return url;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
