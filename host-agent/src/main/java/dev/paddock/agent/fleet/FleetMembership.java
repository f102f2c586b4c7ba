package dev.paddock.agent.fleet;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.catalog.PackCache;
import dev.paddock.agent.hardware.HostHardware;
import dev.paddock.agent.hardware.HostReport;
import dev.paddock.agent.hardware.HostResources;
import dev.paddock.agent.inventory.VmChanged;
import dev.paddock.agent.inventory.VmInventory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
    private final WebServerApplicationContext web;
    private final String defaultName;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private volatile boolean running;
    private volatile @Nullable Thread loop;
    private volatile @Nullable Membership membership;
    private volatile @Nullable HostReport report;
    private volatile Instant reportedAt = Instant.EPOCH;
    private volatile Duration interval = Duration.ofSeconds(5);

    /** What enrollment gave this host. */
    record Membership(String hostId, String hostSecret) {}

    FleetMembership(
            AgentProperties properties,
            HostResources resources,
            VmInventory inventory,
            PackCache cache,
            JsonMapper json,
            WebServerApplicationContext web) {
        this.settings = properties.fleet();
        this.resources = resources;
        this.inventory = inventory;
        this.cache = cache;
        this.json = json;
        this.web = web;
        this.defaultName = properties.hostname() != null ? properties.hostname() : localHostname();
    }

    @Override
    public void start() {
        if (settings.orchestratorUrl() == null
                || settings.orchestratorUrl().toString().isBlank()) {
            return;
        }
        running = true;
        membership = readState();
        loop = Thread.ofPlatform().name("fleet-heartbeat").daemon().start(this::run);
    }

    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                if (membership == null) {
                    membership = enroll();
                    if (membership == null) {
                        return;
                    }
                }
                heartbeat();
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

    private @Nullable Membership enroll() throws IOException {
        if (settings.enrollmentToken() == null || settings.enrollmentToken().isBlank()) {
            log.error(
                    "Not a member of a fleet yet and no enrollment token: set PADDOCK_ENROLLMENT_TOKEN (from an operator's "
                            + "'paddock hosts enrollment-token') and restart.");
            return null;
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("host", advertiseUrl().toString());
        request.put("name", settings.name() != null ? settings.name() : defaultName);
        request.put("tags", settings.tags());
        HttpResponse<String> response =
                post("/api/v1/orchestrator/hosts", request, Map.of("X-Enrollment-Token", settings.enrollmentToken()));
        if (response.statusCode() != 201) {
            String detail = detailOf(response);
            if (response.statusCode() / 100 == 4) {
                log.error("Enrollment refused ({}): {}", response.statusCode(), detail);
                return null;
            }
            throw new IOException("enrollment answered " + response.statusCode() + ": " + detail);
        }
        JsonNode answer = json.readTree(response.body());
        Membership joined = new Membership(
                answer.path("host_id").asString(), answer.path("host_secret").asString());
        writeState(joined);
        interval = Duration.ofSeconds(
                Math.max(1, answer.path("heartbeat_interval_seconds").asLong(5)));
        log.info("Enrolled with {} as host {}", settings.orchestratorUrl(), joined.hostId());
        return joined;
    }

    private void heartbeat() throws IOException {
        Membership member = membership;
        if (member == null) {
            return;
        }
        HostReport current = hostReport();
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("total_cpus", current.total().logicalCpuCount());
        beat.put("total_memory_mb", current.total().memorySize());
        beat.put("free_disk_mb", current.totalAvailable().prlHomeFreeSize());
        beat.put("reserved_cpus", current.systemReserved().logicalCpuCount());
        beat.put("reserved_memory_mb", current.systemReserved().memorySize());
        beat.put("reserved_disk_mb", current.systemReserved().diskCount());
        beat.put("vm_digest", inventory.snapshot().digest());
        beat.put("cache_digest", cache.digest());
        beat.put("agent_version", current.devopsVersion());
        HttpResponse<String> response = post(
                "/api/v1/orchestrator/hosts/" + member.hostId() + "/heartbeat",
                beat,
                Map.of("X-Paddock-Host-Secret", member.hostSecret()));
        if (response.statusCode() == 401 || response.statusCode() == 404) {
            throw new Removed(detailOf(response));
        }
        if (response.statusCode() != 200) {
            throw new IOException("heartbeat answered " + response.statusCode() + ": " + detailOf(response));
        }
        long seconds = json.readTree(response.body())
                .path("heartbeat_interval_seconds")
                .asLong(interval.toSeconds());
        interval = Duration.ofSeconds(Math.max(1, seconds));
    }

    @EventListener
    void relay(VmChanged change) {
        Membership member = membership;
        if (!running || member == null) {
            return;
        }
        String name = switch (change.kind()) {
            case ADDED -> "VM_ADDED";
            case REMOVED -> "VM_REMOVED";
            case STATE_CHANGED -> "VM_STATE_CHANGED";
            case UPDATED -> "VM_UPDATED";
            case SNAPSHOTS_CHANGED -> "VM_SNAPSHOTS_UPDATED";
        };
        Thread.ofVirtual().start(() -> {
            try {
                post(
                        "/api/v1/orchestrator/hosts/" + member.hostId() + "/events",
                        List.of(Map.of("event", name, "vm_id", change.vmId())),
                        Map.of("X-Paddock-Host-Secret", member.hostSecret()));
            } catch (IOException | RuntimeException e) {
                // The next heartbeat's digest tells the orchestrator anyway.
                log.debug("Could not relay {} of {}: {}", name, change.vmId(), e.toString());
            }
        });
    }

    /** The host report changes slowly; asking PD for it on every heartbeat would cost a prlsrvctl call each time. */
    private HostReport hostReport() {
        HostReport current = report;
        if (current == null || Instant.now().isAfter(reportedAt.plus(HOST_REPORT_MAX_AGE))) {
            current = resources.report();
            report = current;
            reportedAt = Instant.now();
        }
        return current;
    }

    private HttpResponse<String> post(String path, Object body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(trim(settings.orchestratorUrl()) + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private URI advertiseUrl() {
        if (settings.advertiseUrl() != null) {
            return settings.advertiseUrl();
        }
        return URI.create("http://" + defaultName + ":" + web.getWebServer().getPort());
    }

    private @Nullable Membership readState() {
        Path file = settings.stateFile();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode state = json.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return new Membership(
                    state.path("host_id").asString(), state.path("host_secret").asString());
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring an unreadable fleet state file {}: {}", file, e.toString());
            return null;
        }
    }

    private void writeState(Membership joined) throws IOException {
        Path file = settings.stateFile().toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".fleet", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort elsewhere
        }
        Files.writeString(
                temporary,
                json.writeValueAsString(Map.of("host_id", joined.hostId(), "host_secret", joined.hostSecret())));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String detailOf(HttpResponse<String> response) {
        try {
            JsonNode body = json.readTree(response.body());
            return body.path("detail").asString(response.body());
        } catch (RuntimeException e) {
            return response.body();
        }
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

    private static String trim(@Nullable URI uri) {
        String value = String.valueOf(uri);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
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
