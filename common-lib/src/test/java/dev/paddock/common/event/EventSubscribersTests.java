package dev.paddock.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class EventSubscribersTests {

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private final EventSubscribers<String> subscribers = new EventSubscribers<>(json);

    private record Client(WebSocketSession session, List<JsonNode> received) {}

    private Client connect(String id, String query) throws IOException {
        WebSocketSession session = mock(WebSocketSession.class);
        List<JsonNode> received = new ArrayList<>();
        when(session.getId()).thenReturn(id);
        when(session.isOpen()).thenReturn(true);
        when(session.getUri()).thenReturn(URI.create("ws://hub/api/v1/ws/subscribe" + query));
        doAnswer(call -> {
                    WebSocketMessage<?> message = call.getArgument(0);
                    received.add(json.readTree((String) message.getPayload()));
                    return null;
                })
                .when(session)
                .sendMessage(any());
        return new Client(session, received);
    }

    @Test
    void greetsWithTheChannelsAskedForThatTheSubscriberMayHearGlobalFirst() throws IOException {
        Client client = connect("c1", "?event_types=pdfm,%20auth,,job_manager");

        subscribers.join(client.session(), "alice", channel -> !channel.equals("auth"));

        JsonNode welcome = client.received().getFirst();
        assertThat(welcome.path("event_type").asString()).isEqualTo("global");
        assertThat(welcome.path("client_id").asString()).isEqualTo("c1");
        assertThat(welcome.path("body").path("subscriptions").valueStream().map(JsonNode::asString))
                .containsExactly("global", "pdfm", "job_manager");
    }

    @Test
    void publishesOnlyToSubscribersOfTheChannelEachCopyAddressedToItsClient() throws IOException {
        Client pdfm = connect("c1", "?event_types=pdfm");
        Client other = connect("c2", "?event_types=orchestrator");
        subscribers.join(pdfm.session(), "alice", channel -> true);
        subscribers.join(other.session(), "bob", channel -> true);

        subscribers.publish(EventMessage.of("pdfm", "VM_ADDED", Map.of("vm_id", "v1")));

        assertThat(pdfm.received()).hasSize(2);
        assertThat(pdfm.received().getLast().path("message").asString()).isEqualTo("VM_ADDED");
        assertThat(pdfm.received().getLast().path("client_id").asString()).isEqualTo("c1");
        assertThat(other.received()).hasSize(1);
        assertThat(subscribers.sent()).isEqualTo(3);
    }

    @Test
    void answersAPingWithPongOnHealthAndIgnoresAnythingElse() throws IOException {
        Client client = connect("c1", "");
        subscribers.join(client.session(), "alice", channel -> true);

        subscribers.received(client.session(), new TextMessage("{\"message\":\"PING\"}"));
        subscribers.received(client.session(), new TextMessage("not json"));

        assertThat(client.received()).hasSize(2);
        assertThat(client.received().getLast().path("event_type").asString()).isEqualTo("health");
        assertThat(client.received().getLast().path("message").asString()).isEqualTo("pong");
    }

    @Test
    void dropsASubscriberWhoseConnectionFailsAndKeepsServingTheOthers() throws IOException {
        Client broken = connect("c1", "?event_types=pdfm");
        Client healthy = connect("c2", "?event_types=pdfm");
        subscribers.join(broken.session(), "alice", channel -> true);
        subscribers.join(healthy.session(), "bob", channel -> true);
        doThrow(new IOException("gone")).when(broken.session()).sendMessage(any());

        subscribers.publish(EventMessage.of("pdfm", "VM_REMOVED", null));

        assertThat(subscribers.all())
                .extracting(EventSubscribers.Subscriber::id)
                .containsExactly("c2");
        assertThat(healthy.received().getLast().path("message").asString()).isEqualTo("VM_REMOVED");
    }
}
