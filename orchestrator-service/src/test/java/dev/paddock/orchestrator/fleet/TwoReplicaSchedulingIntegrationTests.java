package dev.paddock.orchestrator.fleet;

import static dev.paddock.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.orchestrator.OrchestratorApplication;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.ApiClient.Response;
import dev.paddock.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two orchestrator replicas on one PostgreSQL take 100 simultaneous create requests for a fleet with room for 12 VMs,
 * while the agents keep heartbeating (so VM lists are re-synced in the middle of it all). No host may end up with
 * more VMs than it has CPUs and memory for, and every request must either create a VM or get a clear 503.
 */
class TwoReplicaSchedulingIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(TwoReplicaSchedulingIntegrationTests.class);
    private static final String ROOT_PASSWORD = "Root-Passw0rd-for-tests";
    private static final int HOST_CPUS = 8;
    private static final long HOST_MEMORY_MB = 16384;
    private static final int VM_CPUS = 2;
    private static final long VM_MEMORY_MB = 3072;

    static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    static final List<FakeAgent> agents = new ArrayList<>();

    @BeforeAll
    static void startReplicas() {
        String url = TestDatabase.get().sibling("replicas");
        String key = SecretBox.generateKey();
        // One after the other: the first creates the schema and the root user, the second joins.
        for (int i = 0; i < 2; i++) {
            replicas.add(new SpringApplicationBuilder(OrchestratorApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + url,
                            "--spring.datasource.username=" + TestDatabase.get().username(),
                            "--spring.datasource.password=" + TestDatabase.get().password(),
                            "--spring.datasource.hikari.maximum-pool-size=10",
                            "--paddock.orchestrator.secrets.key=" + key,
                            "--paddock.orchestrator.identity.root-password=" + ROOT_PASSWORD,
                            "--paddock.orchestrator.identity.password-hash-strength=4",
                            "--paddock.orchestrator.fleet.heartbeat-interval=1s"));
        }
    }

    @AfterAll
    static void stopReplicas() {
        agents.forEach(FakeAgent::close);
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aHundredConcurrentCreatesOnTwoReplicasNeverOverCommitAHost() throws Exception {
        ApiClient first = api(0);
        ApiClient second = api(1);
        List<Map<String, String>> tokens =
                List.of(bearer(first.login("root", ROOT_PASSWORD)), bearer(second.login("root", ROOT_PASSWORD)));
        for (int i = 0; i < 3; i++) {
            FakeAgent agent = new FakeAgent("mac-" + i, "arm64", HOST_CPUS, HOST_MEMORY_MB);
            agent.createDelayMs = 50L + 100L * i;
            agents.add(agent);
            String token = first.post(
                            "/api/v1/orchestrator/enrollment-token", Map.of("host_name", "mac-" + i), tokens.get(0))
                    .text("token");
            assertThat(agent.enroll(first, token).status()).isEqualTo(201);
            assertThat(agent.heartbeat(second).status()).isEqualTo(200);
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Thread heartbeats = Thread.ofVirtual().start(() -> {
            // The agents report their growing VM lists to either replica while the creations go on.
            int n = 0;
            while (running.get()) {
                for (FakeAgent agent : agents) {
                    agent.heartbeat(n++ % 2 == 0 ? first : second);
                }
                sleep(50);
            }
        });

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Response> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> requests = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                requests.add(clients.submit(() -> {
                    go.await();
                    Response response = api(n % 2)
                            .post(
                                    "/api/v1/orchestrator/machines",
                                    Map.of(
                                            "name",
                                            "load-" + n,
                                            "start_on_create",
                                            true,
                                            "catalog_manifest",
                                            Map.of(
                                                    "catalog_id",
                                                    "ubuntu",
                                                    "specs",
                                                    Map.of(
                                                            "cpu", String.valueOf(VM_CPUS),
                                                            "memory", String.valueOf(VM_MEMORY_MB)))),
                                    tokens.get(n % 2));
                    statuses.merge(response.status(), 1, Integer::sum);
                    if (response.status() != 200) {
                        refusals.add(response);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> request : requests) {
                request.get();
            }
        } finally {
            running.set(false);
            heartbeats.join();
        }
        log.info("100 concurrent creates on two replicas: {}", statuses);

        // What the hosts were actually asked to run: never more than they have.
        int created = 0;
        for (FakeAgent agent : agents) {
            List<Map<String, Object>> vms = agent.vms();
            created += vms.size();
            assertThat(vms.size() * VM_CPUS).as(agent.name + " CPUs").isLessThanOrEqualTo(HOST_CPUS);
            assertThat(vms.size() * VM_MEMORY_MB).as(agent.name + " memory").isLessThanOrEqualTo(HOST_MEMORY_MB);
        }
        // Memory allows 5 VMs a host, CPUs 4: the fleet has room for exactly 12, and all of it is used.
        assertThat(created).isEqualTo(12);
        assertThat(statuses).containsOnlyKeys(200, 503).containsEntry(200, 12).containsEntry(503, 88);
        assertThat(refusals).allSatisfy(refusal -> {
            assertThat(refusal.text("type")).endsWith("no-host-available");
            assertThat(refusal.text("detail")).contains("needs 2 CPUs, 0 free");
        });

        JdbcTemplate jdbc = replicas.getFirst().getBean(JdbcTemplate.class);
        assertThat(jdbc.queryForObject("select count(*) from capacity_reservations", Integer.class))
                .as("no reservation outlives its request")
                .isZero();
        // And the orchestrator's own view agrees, after the agents' lists have been synced once more.
        agents.forEach(agent -> agent.heartbeat(first));
        String runningVms = "select count(*) from host_vms where state = 'running'";
        await("the agents' VM lists to be synced")
                .atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.queryForObject(runningVms, Integer.class), count -> count == 12);
        List<Map<String, Object>> perHost = jdbc.queryForList(
                "select host_id, sum(cpus) as cpus, count(*) as vms from host_vms where state = 'running' group by host_id");
        assertThat(perHost)
                .hasSize(3)
                .allSatisfy(
                        row -> assertThat(((Number) row.get("cpus")).intValue()).isLessThanOrEqualTo(HOST_CPUS));
        assertThat(perHost.stream()
                        .mapToInt(row -> ((Number) row.get("vms")).intValue())
                        .sum())
                .isEqualTo(12);
    }

    @Test
    void anEventPublishedOnOneReplicaReachesASubscriberOfTheOther() throws Exception {
        ApiClient first = api(0);
        String token = first.login("root", ROOT_PASSWORD);
        FakeAgent agent = new FakeAgent("mac-events", "arm64", 4, 8192);
        agents.add(agent);
        String enrollment = first.post(
                        "/api/v1/orchestrator/enrollment-token", Map.of("host_name", "mac-events"), bearer(token))
                .text("token");
        assertThat(agent.enroll(first, enrollment).status()).isEqualTo(201);

        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        int secondPort =
                ((WebServerApplicationContext) replicas.get(1)).getWebServer().getPort();
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        java.net.URI.create("ws://localhost:" + secondPort
                                + "/api/v1/ws/subscribe?event_types=orchestrator&access_token=" + token),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(
                                    java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                                received.add(data.toString());
                                webSocket.request(1);
                                return null;
                            }
                        })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS))
                    .as("the welcome message")
                    .contains("orchestrator");

            assertThat(first.put("/api/v1/orchestrator/hosts/" + agent.hostId() + "/disable", null, bearer(token))
                            .status())
                    .isEqualTo(200);

            String event = null;
            for (int i = 0; i < 10 && (event == null || !event.contains("HOST_UPDATED")); i++) {
                event = received.poll(1, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(event).contains("HOST_UPDATED").contains(agent.hostId().toString());
        } finally {
            socket.abort();
        }
    }

    private static ApiClient api(int replica) {
        int port = ((WebServerApplicationContext) replicas.get(replica))
                .getWebServer()
                .getPort();
        return new ApiClient("http://localhost:" + port);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
