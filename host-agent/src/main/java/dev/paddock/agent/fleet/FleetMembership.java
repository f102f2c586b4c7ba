package dev.paddock.agent.fleet;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.catalog.PackCache;
import dev.paddock.agent.hardware.HostHardware;
import dev.paddock.agent.hardware.HostResources;
import dev.paddock.agent.inventory.VmChanged;
import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.common.event.RuntimeStatsSampler;
import dev.paddock.contracts.agent.SystemUsage;
import dev.paddock.contracts.fleet.HeartbeatAcknowledgement;
import dev.paddock.contracts.fleet.HostCredentials;
import dev.paddock.contracts.fleet.HostHeartbeat;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.contracts.fleet.VmEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * This host's membership of a fleet. On first start it enrolls with the operator's token and keeps the host id and
 * secret it gets back (owner-only file); from then on it pushes a heartbeat every few seconds — totals plus a digest
 * of the VM list, so the orchestrator fetches the list only when it changed — and relays VM events at once. An
 * unreachable orchestrator is retried with backoff; a 401 (host removed from the fleet) stops the heartbeats with a
 * message saying how to enroll again.
 */
@Component
class FleetMembership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetMembership.class);
    private static final Duration HOST_REPORT_MAX_AGE = Duration.ofMinutes(1);

    private final AgentProperties.Fleet settings;
    private final HostResources resources;
    private final VmInventory inventory;
    private final PackCache cache;
    private final JsonMapper json;
    private final RuntimeStatsSampler runtime;
    private final WebServerApplicationContext web;
    private final String defaultName;
    private final @Nullable FleetClient client;

    private volatile boolean running;
    private volatile @Nullable Thread loop;
    private volatile @Nullable Membership membership;
    private volatile @Nullable SystemUsage report;
    private volatile Instant reportedAt = Instant.EPOCH;
    private volatile Duration interval = Duration.ofSeconds(5);

    FleetMembership(
            AgentProperties properties,
            HostResources resources,
            VmInventory inventory,
            PackCache cache,
            JsonMapper json,
            RuntimeStatsSampler runtime,
            WebServerApplicationContext web) {
        this.settings = properties.fleet();
        this.runtime = runtime;
        this.resources = resources;
        this.inventory = inventory;
        this.cache = cache;
        this.json = json;
        this.web = web;
        this.defaultName = properties.hostname() != null ? properties.hostname() : localHostname();
        URI orchestrator = settings.orchestratorUrl();
        this.client =
                orchestrator == null || orchestrator.toString().isBlank() ? null : new FleetClient(orchestrator, json);
    }

    @Override
    public void start() {
        FleetClient link = client;
        if (link == null) {
            return;
        }
        running = true;
        membership = readMembership();
        loop = Thread.ofPlatform().name("fleet-heartbeat").daemon().start(() -> run(link));
    }

    private void run(FleetClient link) {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                if (membership == null) {
                    membership = enroll(link);
                    if (membership == null) {
                        return;
                    }
                }
                heartbeat(link);
                backoff = Duration.ofSeconds(1);
                sleep(interval);
            } catch (Removed removed) {
                log.error(
                        "The orchestrator does not recognise this host any more ({}). Remove {} and restart with a new "
                                + "enrollment token to join the fleet again.",
                        removed.getMessage(),
                        settings.stateFile());
                running = false;
                return;
            } catch (HostHardware.HardwareUnreadable unreadable) {
                // Not the orchestrator's fault: say what is wrong on this Mac, and keep trying.
                log.error("{} Retrying in {} s.", unreadable.getMessage(), backoff.toSeconds());
                sleep(backoff);
                backoff = doubled(backoff);
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "Cannot reach the orchestrator at {} ({}); retrying in {} s",
                        settings.orchestratorUrl(),
                        e.toString(),
                        backoff.toSeconds());
                sleep(backoff);
                backoff = doubled(backoff);
            }
        }
    }

    private @Nullable Membership enroll(FleetClient link) throws IOException {
        if (settings.enrollmentToken() == null || settings.enrollmentToken().isBlank()) {
            log.error(
                    "Not a member of a fleet yet and no enrollment token: set PADDOCK_ENROLLMENT_TOKEN (from an operator's "
                            + "'paddock hosts enrollment-token') and restart.");
            return null;
        }
        RegisterHost request = new RegisterHost(
                advertiseUrl().toString(),
                settings.name() != null ? settings.name() : defaultName,
                null,
                settings.tags(),
                null,
                null,
                null);
        HostCredentials credentials;
        try {
            credentials = link.enroll(settings.enrollmentToken(), request);
        } catch (FleetClient.Refused refused) {
            log.error("Enrollment refused ({}): {}", refused.status(), refused.getMessage());
            return null;
        }
        Membership joined = new Membership(credentials.hostId(), credentials.hostSecret());
        joined.write(settings.stateFile(), json);
        interval = Duration.ofSeconds(Math.max(1, credentials.heartbeatIntervalSeconds()));
        log.info("Enrolled with {} as host {}", settings.orchestratorUrl(), joined.hostId());
        return joined;
    }

    private void heartbeat(FleetClient link) throws IOException {
        Membership member = membership;
        if (member == null) {
            return;
        }
        SystemUsage current = hostReport();
        HostHeartbeat beat = new HostHeartbeat(
                current.total().logicalCpuCount(),
                current.total().memorySize(),
                current.totalAvailable().prlHomeFreeSize(),
                current.systemReserved().logicalCpuCount(),
                current.systemReserved().memorySize(),
                current.systemReserved().diskCount(),
                inventory.snapshot().digest(),
                cache.digest(),
                current.devopsVersion(),
                runtime.sample());
        try {
            HeartbeatAcknowledgement answer = link.heartbeat(member, beat);
            interval = Duration.ofSeconds(Math.max(1, answer.heartbeatIntervalSeconds()));
        } catch (FleetClient.Refused refused) {
            if (refused.status() == 401 || refused.status() == 404) {
                throw new Removed(refused.getMessage());
            }
            throw refused;
        }
    }

    @EventListener
    void relay(VmChanged change) {
        Membership member = membership;
        FleetClient link = client;
        if (!running || member == null || link == null) {
            return;
        }
        VmEvent.Kind kind = change.event();
        Thread.ofVirtual().start(() -> {
            try {
                link.events(member, List.of(new VmEvent(kind, change.vmId())));
            } catch (IOException | RuntimeException e) {
                // The next heartbeat's digest tells the orchestrator anyway.
                log.debug("Could not relay {} of {}: {}", kind, change.vmId(), e.toString());
            }
        });
    }

    private @Nullable Membership readMembership() {
        try {
            return Membership.read(settings.stateFile(), json).orElse(null);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring an unreadable fleet state file {}: {}", settings.stateFile(), e.toString());
            return null;
        }
    }

    /** The host report changes slowly; asking PD for it on every heartbeat would cost a prlsrvctl call each time. */
    private SystemUsage hostReport() {
        SystemUsage current = report;
        if (current == null || Instant.now().isAfter(reportedAt.plus(HOST_REPORT_MAX_AGE))) {
            current = resources.report();
            report = current;
            reportedAt = Instant.now();
        }
        return current;
    }

    private URI advertiseUrl() {
        if (settings.advertiseUrl() != null) {
            return settings.advertiseUrl();
        }
        return URI.create("http://" + defaultName + ":" + web.getWebServer().getPort());
    }

    @Override
    public void stop() {
        running = false;
        Thread current = loop;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The orchestrator no longer knows this host. */
    private static final class Removed extends RuntimeException {
        Removed(String message) {
            super(message);
        }
    }

    private static Duration doubled(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : twice;
    }
}
