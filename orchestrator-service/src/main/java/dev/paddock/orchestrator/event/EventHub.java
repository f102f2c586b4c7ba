package dev.paddock.orchestrator.event;

import dev.paddock.common.event.EventMessage;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.PaddockAuthentication;
import dev.paddock.common.security.PaddockPrincipal;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * This replica's WebSocket subscribers ({@code /api/v1/ws/subscribe?event_types=orchestrator,pdfm,...}). Everyone gets
 * {@code global}; the {@code auth} channel needs {@code LIST_USER}. Events arrive from {@link EventListenerLoop}, so a
 * subscriber on any replica hears events published on any other. Slow subscribers are dropped, never waited for.
 */
@Component
public class EventHub extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final JsonMapper json;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final Instant startedAt = Instant.now();

    EventHub(JsonMapper json) {
        this.json = json;
    }

    private record Client(
            WebSocketSession session,
            PaddockPrincipal user,
            Set<String> channels,
            Instant connectedAt,
            AtomicLong lastPing) {}

    /** The reference's {@code EventClientInfo}. */
    public record ClientInfo(
            String id,
            String userId,
            String username,
            List<String> eventSubscriptions,
            Instant connectedAt,
            boolean isAlive) {}

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        if (!(session.getPrincipal() instanceof PaddockAuthentication authentication)) {
            session.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        PaddockPrincipal user = authentication.getPrincipal();
        Set<String> channels = new LinkedHashSet<>();
        channels.add("global");
        URI uri = session.getUri();
        if (uri != null) {
            String requested =
                    UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("event_types");
            if (requested != null) {
                Arrays.stream(requested.split(","))
                        .map(String::trim)
                        .filter(channel -> !channel.isEmpty())
                        .filter(channel -> !channel.equals("auth") || user.has(Claims.LIST_USER))
                        .forEach(channels::add);
            }
        }
        Client client = new Client(
                new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024),
                user,
                channels,
                Instant.now(),
                new AtomicLong());
        clients.put(session.getId(), client);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("client_id", session.getId());
        welcome.put("subscriptions", channels);
        send(
                client,
                json.writeValueAsString(EventMessage.of("global", "WebSocket connection established", welcome)
                        .forClient(session.getId())));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Client client = clients.get(session.getId());
        if (client == null) {
            return;
        }
        try {
            JsonNode request = json.readTree(message.getPayload());
            if ("ping".equalsIgnoreCase(request.path("message").asString(""))) {
                client.lastPing().set(System.currentTimeMillis());
                send(
                        client,
                        json.writeValueAsString(
                                EventMessage.of("health", "pong", null).forClient(session.getId())));
            }
        } catch (RuntimeException notJson) {
            log.debug("Ignoring a malformed client message");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        clients.remove(session.getId());
    }

    /** Delivers one published event (JSON of an {@link EventMessage}) to this replica's subscribers of its channel. */
    void deliver(String payload) {
        JsonNode event;
        try {
            event = json.readTree(payload);
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable event");
            return;
        }
        String channel = event.path("event_type").asString("");
        for (Client client : clients.values()) {
            if (client.channels().contains(channel)) {
                ObjectNode copy = ((ObjectNode) event).deepCopy();
                copy.put("client_id", client.session().getId());
                send(client, json.writeValueAsString(copy));
            }
        }
    }

    /** Removes a channel from a client's subscriptions ({@code global} stays); only the client's own user may. */
    public boolean unsubscribe(String clientId, String userId, List<String> channels) {
        Client client = clients.get(clientId);
        if (client == null || !client.user().userId().equals(userId)) {
            return false;
        }
        channels.stream().filter(channel -> !channel.equals("global")).forEach(client.channels()::remove);
        return true;
    }

    public List<ClientInfo> clients() {
        List<ClientInfo> infos = new ArrayList<>();
        clients.values()
                .forEach(client -> infos.add(new ClientInfo(
                        client.session().getId(),
                        client.user().userId(),
                        client.user().username(),
                        List.copyOf(client.channels()),
                        client.connectedAt(),
                        client.session().isOpen())));
        return infos;
    }

    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_clients", clients.size());
        stats.put("messages_sent", sent.get());
        stats.put("start_time", startedAt);
        stats.put("clients", clients());
        return stats;
    }

    private void send(Client client, String text) {
        try {
            client.session().sendMessage(new TextMessage(text));
            sent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            log.debug("Dropping event client {}: {}", client.session().getId(), e.toString());
            clients.remove(client.session().getId());
            try {
                client.session().close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
