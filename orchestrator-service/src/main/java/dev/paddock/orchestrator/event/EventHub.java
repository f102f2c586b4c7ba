package dev.paddock.orchestrator.event;

import dev.paddock.common.event.EventMessage;
import dev.paddock.common.event.EventSubscribers;
import dev.paddock.common.event.RuntimeStatsSampler;
import dev.paddock.common.event.StatsBroadcast;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.PaddockAuthentication;
import dev.paddock.common.security.PaddockPrincipal;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * This replica's WebSocket subscribers ({@code /api/v1/ws/subscribe?event_types=orchestrator,pdfm,...}, the reference's
 * protocol in {@link EventSubscribers}). The {@code auth} channel needs {@code LIST_USER}. Events arrive from {@link
 * EventListenerLoop}, so a subscriber on any replica hears events published on any other.
 */
@Component
public class EventHub extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);

    private final JsonMapper json;
    private final EventSubscribers<PaddockPrincipal> subscribers;
    private final Instant startedAt = Instant.now();
    private final StatsBroadcast stats;

    EventHub(JsonMapper json, RuntimeStatsSampler sampler) {
        this.json = json;
        this.subscribers = new EventSubscribers<>(json);
        // This replica's own figures go to its own subscribers only: each replica is a process of its own.
        this.stats = new StatsBroadcast(subscribers, sampler);
    }

    @PreDestroy
    void stopStats() {
        stats.close();
    }

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
        subscribers.join(session, user, channel -> !channel.equals("auth") || user.has(Claims.LIST_USER));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        subscribers.received(session, message);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscribers.left(session);
    }

    /** Delivers one published event (JSON of an {@link EventMessage}) to this replica's subscribers of its channel. */
    void deliver(String payload) {
        EventMessage event;
        try {
            event = json.readValue(payload, EventMessage.class);
        } catch (RuntimeException e) {
            log.warn("Dropping an unreadable event");
            return;
        }
        subscribers.publish(event);
    }

    /** Removes a channel from a client's subscriptions ({@code global} stays); only the client's own user may. */
    public boolean unsubscribe(String clientId, String userId, List<String> channels) {
        EventSubscribers.Subscriber<PaddockPrincipal> subscriber = subscribers.get(clientId);
        if (subscriber == null || !subscriber.user().userId().equals(userId)) {
            return false;
        }
        channels.stream()
                .filter(channel -> !channel.equals(EventSubscribers.GLOBAL))
                .forEach(subscriber.channels()::remove);
        return true;
    }

    public List<ClientInfo> clients() {
        return subscribers.all().stream()
                .map(subscriber -> new ClientInfo(
                        subscriber.id(),
                        subscriber.user().userId(),
                        subscriber.user().username(),
                        List.copyOf(subscriber.channels()),
                        subscriber.connectedAt(),
                        subscriber.session().isOpen()))
                .toList();
    }

    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total_clients", subscribers.all().size());
        stats.put("messages_sent", subscribers.sent());
        stats.put("start_time", startedAt);
        stats.put("clients", clients());
        return stats;
    }
}
