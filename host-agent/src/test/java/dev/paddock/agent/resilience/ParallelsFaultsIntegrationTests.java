package dev.paddock.agent.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.AgentIntegrationTest;
import dev.paddock.testsupport.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What the agent does when Parallels fails, hangs or loses its event stream, and under concurrent operations. */
class ParallelsFaultsIntegrationTests extends AgentIntegrationTest {

    @Test
    void reportsAFailingCommandWithParallelsMessage() throws Exception {
        String name = createVm("fail", "ubuntu");
        host.fault("start.fail", "Failed to start the VM: The license has expired.");

        Response response = api.put("/api/v1/machines/" + name + "/start", null, operator);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text("detail")).isEqualTo("Failed to start the VM: The license has expired.");
        assertThat(response.body().path("prlctl_exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void killsAHungCommandAndKeepsServingOtherRequests() throws Exception {
        String name = createVm("hang", "ubuntu");
        host.fault("start.hang", "true");

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Response> hung = pool.submit(() -> api.put("/api/v1/machines/" + name + "/start", null, operator));
            long started = System.nanoTime();
            // While prlctl hangs, the agent still answers: the list comes from its cache.
            Response list = api.get("/api/v1/machines", operator);
            long listMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(list.status()).isEqualTo(200);
            assertThat(listMillis).isLessThan(2_000);
            Response timedOut = hung.get();
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.text("detail")).contains("did not finish within 5 s and was killed");
        }
        host.clearFaults();
        assertThat(api.put("/api/v1/machines/" + name + "/start", null, operator)
                        .status())
                .isEqualTo(200);
        api.put("/api/v1/machines/" + name + "/stop", null, operator);
    }

    @Test
    void recoversWhenTheEventStreamDies() throws Exception {
        host.fault("monitor-events.exit-after-ms", "300");
        Thread.sleep(1_500);

        // Created while the stream keeps dying: the re-list after each loss still finds it.
        String name = "after-loss-" + UUID.randomUUID().toString().substring(0, 6);
        host.prlctl("create", name, "--ostype", "ubuntu", "--disk-size", "512");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/machines/" + name, operator).status())
                        .isEqualTo(200));
        host.clearFaults();
    }

    @Test
    void operatesOnOtherVmsWhileOneVmsCommandHangs() throws Exception {
        String stuck = createVm("stuck", "ubuntu");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(createVm("other" + i, "ubuntu"));
        }
        host.fault("start@" + stuck + ".hang", "true");

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Response> hung = pool.submit(() -> api.put("/api/v1/machines/" + stuck + "/start", null, operator));
            ExecutorCompletionService<Response> starts = new ExecutorCompletionService<>(pool);
            for (String name : others) {
                starts.submit(() -> api.put("/api/v1/machines/" + name + "/start", null, operator));
            }
            Response first = starts.take().get();
            // Another VM started while the stuck command was still running: nothing waited for it.
            assertThat(hung.isDone()).isFalse();
            assertThat(first.status()).isEqualTo(200);
            assertThat(starts.take().get().status()).isEqualTo(200);
            assertThat(starts.take().get().status()).isEqualTo(200);
            assertThat(hung.get().status()).isEqualTo(504);
        }
        host.clearFaults();
        for (String name : others) {
            assertThat(api.get("/api/v1/machines/" + name + "/status", operator).text("status"))
                    .isEqualTo("running");
            api.put("/api/v1/machines/" + name + "/stop", null, operator);
        }
    }
}
