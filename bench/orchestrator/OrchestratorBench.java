import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orchestrator benchmark (issue 4): 1,000 synthetic hosts with 10 VMs each, served by lightweight fake agents inside
 * this program, against a real orchestrator process on a real PostgreSQL. Each figure is printed beside a baseline
 * measured in the same run:
 *  - fleet VM list: Paddock's stored fleet view vs asking every host for its VMs (what the reference does);
 *  - scheduling decision: Paddock's plan + reservation in PostgreSQL vs asking every host for its resources live;
 *  - heartbeat ingest: orchestrator CPU with 1,000 hosts pushing a heartbeat every 10 s vs the same hosts polled
 *    every 10 s (Paddock's own poll mode, the reference's way), and vs idle.
 * Usage: bench/orchestrator/run.sh
 */
public class OrchestratorBench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final int HOSTS = Integer.getInteger("hosts", 1000);
    static final int VMS_PER_HOST = Integer.getInteger("vmsPerHost", 10);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    static String orchestrator;
    static String token;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        String java = ProcessHandle.current().info().command().orElse("java");

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("create database orchestrator");
        }
        FakeFleet fleet = new FakeFleet(HOSTS, VMS_PER_HOST);
        int port = freePort();
        orchestrator = "http://127.0.0.1:" + port;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        String extra = System.getenv("ORCHESTRATOR_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                        "--server.port=" + port,
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "orchestrator"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.hikari.maximum-pool-size=20",
                        "--paddock.orchestrator.fleet.heartbeat-interval=" + INTERVAL.toSeconds() + "s",
                        "--paddock.orchestrator.fleet.unhealthy-after=600s",
                        "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("orchestrator.log").toFile());
        builder.environment().put("PADDOCK_ROOT_PASSWORD", "Bench-Passw0rd-1");
        builder.environment().put("PADDOCK_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        Process process = builder.start();
        try {
            waitHealthy();
            token = post("/api/v1/auth/token", Map.of("username", "root", "password", "Bench-Passw0rd-1"), Map.of())
                    .path("token")
                    .asString();
            System.out.printf("Machine: %d cores, JDK %s; %d hosts x %d VMs%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.version(), HOSTS, VMS_PER_HOST);
            run(fleet, process.pid(), postgres);
        } finally {
            process.destroy();
            process.waitFor();
            fleet.close();
            postgres.close();
        }
    }

    static void run(FakeFleet fleet, long orchestratorPid, EmbeddedPostgres postgres) throws Exception {
        // ---- enrollment: every host with its own single-use token --------------------------------------------------
        long started = System.nanoTime();
        String[] ids = new String[HOSTS];
        String[] secrets = new String[HOSTS];
        parallel(HOSTS, 16, i -> {
            String enrollment = post("/api/v1/orchestrator/enrollment-token", Map.of("host_name", "mac-" + i), bearer())
                    .path("token").asString();
            JsonNode credentials = post(
                    "/api/v1/orchestrator/hosts", Map.of("host", fleet.url(i)), Map.of("X-Enrollment-Token", enrollment));
            ids[i] = credentials.path("host_id").asString();
            secrets[i] = credentials.path("host_secret").asString();
        });
        System.out.printf("Enrolled %d hosts in %.1f s%n", HOSTS, seconds(started));
        started = System.nanoTime();
        parallel(HOSTS, 16, i -> heartbeat(fleet, i, ids[i], secrets[i]));
        int expected = HOSTS * VMS_PER_HOST;
        while (get("/api/v1/orchestrator/machines").size() < expected) {
            Thread.sleep(500);
        }
        System.out.printf("First heartbeats and VM syncs of %d VMs in %.1f s%n%n", expected, seconds(started));

        String phases = System.getProperty("phases", "list,schedule,heartbeat");
        if (phases.contains("list")) {
            list(fleet, expected);
        }
        if (phases.contains("schedule")) {
            schedule(fleet);
        }
        if (phases.contains("heartbeat")) {
            heartbeats(fleet, ids, secrets, orchestratorPid, postgres);
        }
        if (phases.contains("cost")) {
            requestCost(fleet, ids, secrets, orchestratorPid);
        }
    }

    static void list(FakeFleet fleet, int expected) throws Exception {
        // ---- fleet VM list ---------------------------------------------------------------------------------------
        for (int i = 0; i < 5; i++) {
            get("/api/v1/orchestrator/machines");
        }
        long[] list = time(30, () -> {
            JsonNode vms = get("/api/v1/orchestrator/machines");
            if (vms.size() < expected) throw new IllegalStateException("fleet list short: " + vms.size());
        });
        long[] fanOut = time(30, () -> {
            AtomicInteger count = new AtomicInteger();
            parallel(HOSTS, 64, i -> count.addAndGet(JSON.readTree(fetch(fleet.url(i) + "/api/v1/machines")).size()));
            if (count.get() < expected) throw new IllegalStateException("fan-out short");
        });
        report("Fleet VM list (" + expected + " VMs)", list, "ask every host (reference)", fanOut);

    }

    static void schedule(FakeFleet fleet) throws Exception {
        // ---- scheduling decisions ---------------------------------------------------------------------------------
        // Warm-up (JIT, connection pools), then the measured creates; decisions are read from the orchestrator's
        // histogram as the difference between two scrapes, so the warm-up does not count.
        parallel(100, 8, i -> post("/api/v1/orchestrator/machines", Map.of(
                "name", "warm-" + i,
                "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "1", "memory", "512"))),
                bearer()));
        Map<Double, Double> before = histogram("paddock_scheduling_decision_seconds");
        int creates = 200;
        int concurrency = Integer.getInteger("concurrency", 8);
        long[] createTimes = new long[creates];
        parallel(creates, concurrency, i -> {
            long t = System.nanoTime();
            JsonNode created = post("/api/v1/orchestrator/machines", Map.of(
                    "name", "bench-" + i,
                    "start_on_create", true,
                    "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "2", "memory", "2048"))),
                    bearer());
            createTimes[i] = System.nanoTime() - t;
            if (!created.hasNonNull("host")) throw new IllegalStateException("create failed: " + created);
        });
        Map<Double, Double> after = histogram("paddock_scheduling_decision_seconds");
        Map<String, Double> decision = Map.of(
                "0.5", quantile(before, after, 0.5),
                "0.9", quantile(before, after, 0.9),
                "0.99", quantile(before, after, 0.99));
        long[] liveQuery = time(50, () -> {
            // The reference's way: ask every host for its resources now, then pick the one with the most free CPUs.
            AtomicInteger best = new AtomicInteger(-1);
            parallel(HOSTS, 64, i -> {
                JsonNode hardware = JSON.readTree(fetch(fleet.url(i) + "/api/v1/config/hardware"));
                best.accumulateAndGet(hardware.path("total").path("logical_cpu_count").asInt(), Math::max);
            });
        });
        long[] refusals = time(50, () -> {
            HttpResponse<String> response = send("POST", "/api/v1/orchestrator/machines", Map.of(
                    "name", "too-big",
                    "catalog_manifest", Map.of("catalog_id", "ubuntu", "specs", Map.of("cpu", "512"))), bearer());
            if (response.statusCode() != 503) throw new IllegalStateException("expected 503: " + response.body());
        });
        System.out.printf(
                "Scheduling decision (server side, filter %d hosts + reserve in PostgreSQL), %d creates, %d at a time:%n",
                HOSTS, creates, concurrency);
        System.out.printf("  Paddock  p50 %7.2f ms   p90 %7.2f ms   p99 %7.2f ms%n",
                decision.get("0.5") * 1000, decision.get("0.9") * 1000, decision.get("0.99") * 1000);
        System.out.printf("  ask every host's resources live (reference)  p50 %7.2f ms   p99 %7.2f ms%n",
                ms(pct(liveQuery, 50)), ms(pct(liveQuery, 99)));
        System.out.printf("  ratio p99 Paddock / live query: %.3f%n",
                decision.get("0.99") * 1000 / ms(pct(liveQuery, 99)));
        System.out.printf("  whole create request incl. the fake agent's job (client side) p50 %.1f ms p99 %.1f ms%n",
                ms(pct(sorted(createTimes), 50)), ms(pct(sorted(createTimes), 99)));
        System.out.printf("  refusal with %d reasons, client side p50 %.2f ms p99 %.2f ms%n%n",
                HOSTS, ms(pct(refusals, 50)), ms(pct(refusals, 99)));

    }

    static void heartbeats(FakeFleet fleet, String[] ids, String[] secrets, long orchestratorPid,
            EmbeddedPostgres postgres) throws Exception {
        // ---- heartbeat ingest ------------------------------------------------------------------------------------
        Duration window = Duration.ofSeconds(Integer.getInteger("window", 30));
        double idle = cpuWhile(orchestratorPid, postgres, window, () -> {});
        CpuFigures push = cpuFiguresWhile(orchestratorPid, window, () -> pushHeartbeats(fleet, ids, secrets, window));
        System.out.printf("Heartbeat ingest (%d hosts, one heartbeat each per %d s, 2%% with a changed VM list):%n",
                HOSTS, INTERVAL.toSeconds());
        System.out.printf("  idle orchestrator            %5.1f %% of one core%n", idle * 100);
        System.out.printf("  push heartbeats (Paddock)    %5.1f %% of one core (orchestrator), %5.1f %% (PostgreSQL)%n",
                push.orchestrator * 100, push.postgres * 100);
        // The baseline: the same hosts registered by URL, which the orchestrator polls (hardware + VM list) each interval.
        parallel(HOSTS, 16, i -> post("/api/v1/orchestrator/hosts",
                Map.of("host", fleet.url(i), "name", "polled-" + i), bearer()));
        Thread.sleep(INTERVAL.toMillis());
        CpuFigures poll = cpuFiguresWhile(orchestratorPid, window, () -> Thread.sleep(window.toMillis()));
        System.out.printf("  polling the same hosts       %5.1f %% of one core (orchestrator), %5.1f %% (PostgreSQL)%n",
                poll.orchestrator * 100, poll.postgres * 100);
        System.out.printf("  ratio push / poll (orchestrator CPU): %.3f%n", push.orchestrator / poll.orchestrator);
    }

    /** CPU per heartbeat beside CPU per request of the cheapest endpoint there is (the health probe). */
    static void requestCost(FakeFleet fleet, String[] ids, String[] secrets, long pid) throws Exception {
        int n = 5000;
        for (int i = 0; i < 1000; i++) {
            heartbeat(fleet, i % HOSTS, ids[i % HOSTS], secrets[i % HOSTS]);
            send("GET", "/api/health/probe", null, Map.of());
        }
        long before = cpuTicks(pid);
        for (int i = 0; i < n; i++) {
            heartbeat(fleet, i % HOSTS, ids[i % HOSTS], secrets[i % HOSTS]);
        }
        double heartbeat = (cpuTicks(pid) - before) * 10_000.0 / n;
        before = cpuTicks(pid);
        for (int i = 0; i < n; i++) {
            send("GET", "/api/health/probe", null, Map.of());
        }
        double probe = (cpuTicks(pid) - before) * 10_000.0 / n;
        System.out.printf("Orchestrator CPU per request, %d sequential requests each:%n", n);
        System.out.printf("  heartbeat (unchanged VM list)   %6.0f us%n", heartbeat);
        System.out.printf("  GET /api/health/probe (floor)   %6.0f us   ratio %.2f%n%n", probe, heartbeat / probe);
    }

    // ---- heartbeats ----------------------------------------------------------------------------------------------

    static void pushHeartbeats(FakeFleet fleet, String[] ids, String[] secrets, Duration window) throws Exception {
        long perBeatNanos = INTERVAL.toNanos() / HOSTS;
        long start = System.nanoTime();
        long end = start + window.toNanos();
        SecureRandom random = new SecureRandom();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long n = 0; ; n++) {
                long due = start + n * perBeatNanos;
                if (due > end) break;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                int host = (int) (n % HOSTS);
                if (random.nextInt(50) == 0) {
                    fleet.flipState(host);
                }
                pool.submit(() -> {
                    heartbeat(fleet, host, ids[host], secrets[host]);
                    return null;
                });
            }
        }
    }

    static void heartbeat(FakeFleet fleet, int host, String id, String secret) throws Exception {
        Map<String, Object> beat = new LinkedHashMap<>();
        beat.put("total_cpus", 24);
        beat.put("total_memory_mb", 65536);
        beat.put("free_disk_mb", 900000);
        beat.put("reserved_cpus", 2);
        beat.put("reserved_memory_mb", 4096);
        beat.put("reserved_disk_mb", 0);
        beat.put("vm_digest", fleet.digest(host));
        beat.put("agent_version", "bench");
        HttpResponse<String> response = send("POST", "/api/v1/orchestrator/hosts/" + id + "/heartbeat", beat,
                Map.of("X-Paddock-Host-Secret", secret));
        if (response.statusCode() != 200) throw new IllegalStateException("heartbeat: " + response.body());
    }

    // ---- CPU accounting from /proc ---------------------------------------------------------------------------------

    record CpuFigures(double orchestrator, double postgres) {}

    interface Work {
        void run() throws Exception;
    }

    static double cpuWhile(long pid, EmbeddedPostgres postgres, Duration window, Work work) throws Exception {
        return cpuFiguresWhile(pid, window, () -> {
            work.run();
            Thread.sleep(window.toMillis());
        }).orchestrator;
    }

    static CpuFigures cpuFiguresWhile(long pid, Duration window, Work work) throws Exception {
        long orchestratorBefore = cpuTicks(pid);
        long postgresBefore = postgresTicks();
        long start = System.nanoTime();
        work.run();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long orchestratorTicks = cpuTicks(pid) - orchestratorBefore;
        long postgresTicks = postgresTicks() - postgresBefore;
        return new CpuFigures(orchestratorTicks / 100.0 / elapsed, postgresTicks / 100.0 / elapsed);
    }

    /** utime + stime of a process and its reaped children, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long postgresTicks() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .mapToLong(p -> cpuTicks(p.pid()))
                .sum();
    }

    // ---- HTTP helpers ----------------------------------------------------------------------------------------------

    static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + token);
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, bearer());
        if (response.statusCode() != 200) throw new IllegalStateException(path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    static JsonNode post(String path, Object body, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = send("POST", path, body, headers);
        if (response.statusCode() >= 300) throw new IllegalStateException(path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(String method, String path, Object body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(orchestrator + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Cumulative bucket counts of a Prometheus histogram, by upper bound in seconds. */
    static Map<Double, Double> histogram(String metric) throws Exception {
        String text = send("GET", "/actuator/prometheus", null, bearer()).body();
        Map<Double, Double> buckets = new java.util.TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "_bucket{") && line.contains("le=\"")) {
                String le = line.substring(line.indexOf("le=\"") + 4);
                le = le.substring(0, le.indexOf('"'));
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.merge(bound, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        if (buckets.isEmpty()) throw new IllegalStateException("no " + metric + " histogram in /actuator/prometheus");
        return buckets;
    }

    /** The q-quantile of what was observed between two scrapes, interpolated within its bucket (as PromQL does). */
    static double quantile(Map<Double, Double> before, Map<Double, Double> after, double q) {
        List<Double> bounds = new ArrayList<>(after.keySet());
        double total = after.get(Double.POSITIVE_INFINITY) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (double bound : bounds) {
            double count = after.get(bound) - before.getOrDefault(bound, 0.0);
            if (count >= rank) {
                if (Double.isInfinite(bound)) return lowerBound;
                return lowerBound + (bound - lowerBound) * (rank - lowerCount) / Math.max(1e-9, count - lowerCount);
            }
            lowerBound = bound;
            lowerCount = count;
        }
        return lowerBound;
    }

    static void waitHealthy() throws Exception {
        for (int i = 0; i < 240; i++) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(orchestrator + "/actuator/health")).build(),
                                HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("orchestrator did not start; see its log");
    }

    // ---- measurement helpers ---------------------------------------------------------------------------------------

    interface Indexed {
        void run(int i) throws Exception;
    }

    static void parallel(int count, int concurrency, Indexed work) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        work.run(n);
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) future.get();
        }
    }

    static long[] time(int rounds, Work work) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - t;
        }
        return sorted(nanos);
    }

    static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static void report(String what, long[] paddock, String baselineName, long[] baseline) {
        System.out.printf("%s:%n", what);
        System.out.printf("  Paddock  p50 %8.2f ms   p99 %8.2f ms%n", ms(pct(paddock, 50)), ms(pct(paddock, 99)));
        System.out.printf("  %s  p50 %8.2f ms   p99 %8.2f ms%n", baselineName, ms(pct(baseline, 50)), ms(pct(baseline, 99)));
        System.out.printf("  ratio p99 Paddock / baseline: %.3f%n%n", (double) pct(paddock, 99) / pct(baseline, 99));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Lightweight FAKE agents: one HTTP server, each host under /h/{index}, answering what the orchestrator asks. */
    static final class FakeFleet implements AutoCloseable {

        private final HttpServer server;
        private final byte[][] hardware;
        private final List<Map<String, Object>>[] vms;
        private final Map<String, Map<String, Object>> created = new ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        FakeFleet(int hosts, int vmsPerHost) throws IOException {
            hardware = new byte[hosts][];
            vms = new List[hosts];
            for (int h = 0; h < hosts; h++) {
                hardware[h] = JSON.writeValueAsBytes(Map.of(
                        "cpu_type", h % 2 == 0 ? "arm64" : "x86_64",
                        "cpu_brand", "Fake",
                        "os_version", "15.1",
                        "parallels_desktop_version", "26.1.0",
                        "parallels_desktop_licensed", true,
                        "devops_version", "bench",
                        "total", Map.of("logical_cpu_count", 24, "memory_size", 65536, "disk_count", 1_000_000),
                        "total_available", Map.of("prl_home_free_size", 900_000),
                        "system_reserved", Map.of("logical_cpu_count", 2, "memory_size", 4096, "disk_count", 0)));
                vms[h] = new ArrayList<>();
                for (int v = 0; v < vmsPerHost; v++) {
                    vms[h].add(vm(UUID.randomUUID().toString(), "vm-" + h + "-" + v, v < 2 ? "running" : "stopped", v == 0));
                }
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/h/", this::handle);
            server.start();
        }

        String url(int host) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/h/" + host;
        }

        synchronized String digest(int host) {
            StringBuilder all = new StringBuilder();
            for (Map<String, Object> vm : vms[host]) all.append(vm.get("ID")).append(vm.get("State"));
            try {
                return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        synchronized void flipState(int host) {
            Map<String, Object> vm = vms[host].get(VMS_PER_HOST - 1);
            vm.put("State", "running".equals(vm.get("State")) ? "stopped" : "running");
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                int host = Integer.parseInt(parts[2]);
                String rest = "/" + String.join("/", Arrays.copyOfRange(parts, 3, parts.length));
                String method = exchange.getRequestMethod();
                if (rest.equals("/api/v1/config/hardware")) {
                    reply(exchange, 200, hardware[host]);
                } else if (rest.equals("/api/v1/machines") && method.equals("GET")) {
                    byte[] body;
                    synchronized (this) {
                        body = JSON.writeValueAsBytes(vms[host]);
                    }
                    reply(exchange, 200, body);
                } else if (rest.equals("/api/v1/machines/async")) {
                    JsonNode request = JSON.readTree(exchange.getRequestBody());
                    String id = UUID.randomUUID().toString();
                    Map<String, Object> vm = vm(id, request.path("name").asString(), "running", false);
                    synchronized (this) {
                        vms[host].add(vm);
                    }
                    created.put(id, vm);
                    reply(exchange, 202, JSON.writeValueAsBytes(
                            Map.of("id", id, "state", "completed", "progress", 100, "result_record_id", id)));
                } else if (rest.startsWith("/api/v1/jobs/")) {
                    String id = parts[parts.length - 1];
                    reply(exchange, 200, JSON.writeValueAsBytes(
                            Map.of("id", id, "state", "completed", "progress", 100, "result_record_id", id)));
                } else if (rest.startsWith("/api/v1/machines/") && created.containsKey(parts[parts.length - 1])) {
                    reply(exchange, 200, JSON.writeValueAsBytes(created.get(parts[parts.length - 1])));
                } else {
                    reply(exchange, 404, "{\"status\":404}".getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private static Map<String, Object> vm(String id, String name, String state, boolean macos) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("ID", id);
            vm.put("Name", name);
            vm.put("State", state);
            vm.put("Type", macos ? "APPLE_VZ_VM" : "VM");
            vm.put("Home", "/Users/ci/Parallels/" + name + (macos ? ".macvm/" : ".pvm/"));
            vm.put("Hardware", Map.of("cpu", Map.of("cpus", 2), "memory", Map.of("size", "2048Mb")));
            return vm;
        }

        private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
