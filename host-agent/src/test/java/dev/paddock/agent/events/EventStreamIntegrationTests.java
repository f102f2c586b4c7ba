package dev.paddock.agent.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.AgentIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pdfm channel over a real WebSocket: what PD's event stream says reaches subscribers, named as the reference does. */
class EventStreamIntegrationTests extends AgentIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    private WebSocket subscribe(String channels, String token) throws Exception {
        return subscribe(channels, "access_token", token);
    }

    private WebSocket subscribe(String channels, String tokenParameter, String token) throws Exception {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(
                        URI.create("ws://localhost:" + port + "/api/v1/ws/subscribe?event_types=" + channels + "&"
                                + tokenParameter + "=" + token),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    received.add(JSON.readTree(partial.toString()));
                                    partial.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get();
    }

    @Test
    void streamsVmStateChangesOnThePdfmChannel() throws Exception {
        String name = createVm("events", "ubuntu");
        String id = api.get("/api/v1/machines/" + name, operator).text("ID");
        WebSocket socket = subscribe("pdfm", tokens.superUser());
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        assertThat(received.getFirst().path("event_type").asString()).isEqualTo("global");
        assertThat(received.getFirst().path("body").path("subscriptions").toString())
                .contains("pdfm");

        // Started behind the agent's back: only PD's event stream can tell it.
        host.prlctl("start", name);

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(received).anySatisfy(event -> {
                    assertThat(event.path("event_type").asString()).isEqualTo("pdfm");
                    assertThat(event.path("message").asString()).isEqualTo("VM_STATE_CHANGED");
                    assertThat(event.path("body").path("vm_id").asString()).isEqualTo(id);
                    assertThat(event.path("body").path("current_state").asString())
                            .isEqualTo("running");
                    assertThat(event.path("body").path("previous_state").asString())
                            .isEqualTo("stopped");
                }));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        host.prlctl("stop", name);
    }

    @Test
    void answersPingWithPongToASubscriberThatSentItsTokenAsTheReferenceUiDoes() throws Exception {
        // The reference's web UI puts the token in ?authorization= (browsers cannot set headers on a WebSocket).
        WebSocket socket = subscribe("health", "authorization", tokens.superUser());
        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());

        socket.sendText("{\"event_type\":\"health\",\"message\":\"ping\"}", true);

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(received)
                        .anySatisfy(event ->
                                assertThat(event.path("message").asString()).isEqualTo("pong")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void refusesSubscribersWithoutATokenAndReadsQueryTokensOnlyOnTheUpgrade() {
        assertThat(api.get("/api/v1/ws/subscribe?event_types=pdfm", java.util.Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/machines?access_token=" + tokens.superUser(), java.util.Map.of())
                        .status())
                .isEqualTo(401);
    }
}
