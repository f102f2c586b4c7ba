package dev.paddock.orchestrator.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.contracts.agent.CacheListing;
import dev.paddock.contracts.agent.CachedImage;
import dev.paddock.testsupport.ApiClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A FAKE host agent for orchestrator tests: it answers the few agent endpoints the orchestrator calls (hardware, VM
 * list, VM creation as a job, power, jobs, cache) from memory, and pushes heartbeats like the real agent. It lets the
 * tests control what a host reports and how it fails; the real agent on the simulator is exercised in the dev-suite's
 * fleet tests.
 */
final class FakeAgent implements AutoCloseable {

    /** As the services write JSON: the typed contracts' components in snake_case. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    final String name;
    final String architecture;
    final int cpus;
    final long memoryMb;
    private final HttpServer server;
    private final Map<String, Map<String, Object>> vms = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> jobs = new ConcurrentHashMap<>();
    private final List<CachedImage> cache = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger creations = new AtomicInteger();
    volatile boolean failCreations;
    volatile long createDelayMs;
    /** Creation jobs stay at 40% until this is cleared, as if prlctl were still copying. */
    volatile boolean holdJobs;
    /** While set, a VM listing is read at once but answered only when this opens, as if prlctl were slow. */
    volatile CountDownLatch holdListings;
    /** How many VMs each listing read, in order. */
    final BlockingQueue<Integer> listingsRead = new LinkedBlockingQueue<>();

    private UUID hostId;
    private String secret;

    FakeAgent(String name, String architecture, int cpus, long memoryMb) throws IOException {
        this.name = name;
        this.architecture = architecture;
        this.cpus = cpus;
        this.memoryMb = memoryMb;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    UUID hostId() {
        return hostId;
    }

    String secret() {
        return secret;
    }

    // ---- what the host holds ---------------------------------------------------------------------------------------

    String addVm(String vmName, String state, boolean macos, int vmCpus, long vmMemoryMb) {
        String id = UUID.randomUUID().toString();
        vms.put(id, vm(id, vmName, state, macos, vmCpus, vmMemoryMb));
        return id;
    }

    void cacheImage(String catalogId, String version) {
        Instant cached = Instant.parse("2026-11-01T00:00:00Z");
        cache.add(new CachedImage(catalogId, version, architecture, "pvm", 1024, 1024, "chunks", cached, cached, 1, 1));
    }

    List<Map<String, Object>> vms() {
        return new ArrayList<>(vms.values());
    }

    // ---- acting as the agent towards the orchestrator --------------------------------------------------------------

    ApiClient.Response enroll(ApiClient orchestrator, String token) {
        ApiClient.Response response = orchestrator.post(
                "/api/v1/orchestrator/hosts", Map.of("host", url()), Map.of("X-Enrollment-Token", token));
        if (response.status() == 201) {
            hostId = UUID.fromString(response.text("host_id"));
            secret = response.text("host_secret");
        }
        return response;
    }

    ApiClient.Response heartbeat(ApiClient orchestrator) {
        return heartbeat(orchestrator, secret);
    }

    ApiClient.Response heartbeat(ApiClient orchestrator, String presentedSecret) {
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("total_cpus", cpus);
        beat.put("total_memory_mb", memoryMb);
        beat.put("free_disk_mb", 500_000);
        beat.put("reserved_cpus", 0);
        beat.put("reserved_memory_mb", 0);
        beat.put("reserved_disk_mb", 0);
        beat.put(
                "vm_digest",
                digest(vms.values().stream()
                        .map(vm -> vm.get("ID") + ":" + vm.get("State"))
                        .sorted()
                        .toList()));
        beat.put(
                "cache_digest",
                digest(cache.stream()
                        .map(item -> item.catalogId() + ":" + item.version())
                        .sorted()
                        .toList()));
        beat.put("agent_version", "fake-1");
        return orchestrator.post(
                "/api/v1/orchestrator/hosts/" + hostId + "/heartbeat",
                beat,
                Map.of("X-Paddock-Host-Secret", presentedSecret));
    }

    // ---- the agent API
    // -----------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + exchange.getRequestURI());
        try (exchange) {
            String[] parts = path.split("/");
            if (method.equals("GET") && path.equals("/api/v1/config/hardware")) {
                reply(exchange, 200, hardware());
            } else if (method.equals("GET") && path.equals("/api/v1/machines")) {
                List<Map<String, Object>> listed = vms();
                listingsRead.add(listed.size());
                CountDownLatch hold = holdListings;
                if (hold != null) {
                    awaitQuietly(hold);
                }
                reply(exchange, 200, listed);
            } else if (method.equals("GET") && path.equals("/api/v1/cache")) {
                reply(exchange, 200, CacheListing.of(cache));
            } else if (method.equals("DELETE") && path.startsWith("/api/v1/cache")) {
                String[] which = path.substring("/api/v1/cache".length()).split("/");
                cache.removeIf(image -> which.length < 2
                        || image.catalogId().equals(which[1])
                                && (which.length < 3 || image.version().equals(which[2])));
                exchange.sendResponseHeaders(202, -1);
            } else if (method.equals("GET") && path.equals("/api/v1/logs")) {
                byte[] log =
                        ("2026-12-03T10:00:00Z INFO " + name + ": agent started\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, log.length);
                exchange.getResponseBody().write(log);
            } else if (method.equals("POST") && path.equals("/api/v1/machines/register")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                String bundle = body.path("path").asString();
                String vmName = bundle.substring(bundle.lastIndexOf('/') + 1).replace(".pvm", "");
                String id = addVm(vmName, "stopped", false, 2, 2048);
                reply(exchange, 200, vms.get(id));
            } else if (method.equals("POST") && path.equals("/api/v1/machines/async")) {
                createAsync(exchange);
            } else if (method.equals("GET") && path.startsWith("/api/v1/jobs/") && jobs.containsKey(parts[4])) {
                reply(exchange, 200, jobs.get(parts[4]));
            } else if (method.equals("GET") && path.startsWith("/api/v1/machines/") && vms.containsKey(parts[4])) {
                reply(exchange, 200, vms.get(parts[4]));
            } else if (method.equals("PUT") && parts.length == 6 && vms.containsKey(parts[4])) {
                power(exchange, parts[4], parts[5]);
            } else {
                reply(exchange, 404, Map.of("title", "Not Found", "status", 404, "detail", method + " " + path));
            }
        }
    }

    private void createAsync(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        creations.incrementAndGet();
        if (failCreations) {
            reply(exchange, 500, Map.of("title", "Internal Server Error", "status", 500, "detail", "prlctl failed"));
            return;
        }
        sleep(createDelayMs);
        JsonNode specs = body.path("catalog_manifest").path("specs");
        int vmCpus = Integer.parseInt(specs.path("cpu").asString("2"));
        long vmMemory = Long.parseLong(specs.path("memory").asString("2048"));
        boolean macos = "macvm".equals(specs.path("type").asString(""));
        String id = UUID.randomUUID().toString();
        String state = body.path("start_on_create").asBoolean(false) ? "running" : "stopped";
        vms.put(id, vm(id, body.path("name").asString(), state, macos, vmCpus, vmMemory));
        String jobId = UUID.randomUUID().toString();
        jobs.put(
                jobId,
                holdJobs
                        ? Map.of("id", jobId, "state", "running", "progress", 40)
                        : Map.of("id", jobId, "state", "completed", "progress", 100, "result_record_id", id));
        reply(exchange, 202, jobs.get(jobId));
    }

    private void power(HttpExchange exchange, String id, String operation) throws IOException {
        Map<String, Object> vm = new LinkedHashMap<>(vms.get(id));
        vm.put(
                "State",
                switch (operation) {
                    case "start", "resume", "restart", "reset" -> "running";
                    case "suspend" -> "suspended";
                    case "pause" -> "paused";
                    default -> "stopped";
                });
        vms.put(id, vm);
        reply(exchange, 200, Map.of("id", id, "operation", operation, "status", "Success"));
    }

    private Map<String, Object> hardware() {
        return Map.of(
                "cpu_type",
                architecture,
                "cpu_brand",
                "Fake CPU",
                "os_version",
                "15.1",
                "parallels_desktop_version",
                "26.1.0",
                "parallels_desktop_licensed",
                true,
                "devops_version",
                "fake-1",
                "total",
                Map.of("logical_cpu_count", cpus, "memory_size", memoryMb, "disk_count", 1_000_000),
                "total_available",
                Map.of("prl_home_free_size", 500_000),
                "system_reserved",
                Map.of("logical_cpu_count", 0, "memory_size", 0, "disk_count", 0));
    }

    private static Map<String, Object> vm(String id, String name, String state, boolean macos, int cpus, long memory) {
        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("ID", id);
        vm.put("Name", name);
        vm.put("State", state);
        vm.put("Type", macos ? "APPLE_VZ_VM" : "VM");
        vm.put("Home", "/Users/ci/Parallels/" + name + (macos ? ".macvm/" : ".pvm/"));
        vm.put("Hardware", Map.of("cpu", Map.of("cpus", cpus), "memory", Map.of("size", memory + "Mb")));
        return vm;
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders()
                .set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String digest(List<String> entries) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of()
                    .formatHex(sha.digest(String.join("\n", entries).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
