package dev.paddock.common.event;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WebSocket subscribers of a service's event hub, in the reference's protocol: a client names its channels in
 * {@code ?event_types=a,b} and always gets {@code global}; it is greeted with its id and subscriptions; a
 * {@code {"message":"ping"}} is answered with {@code pong} on {@code health}. A client that cannot keep up (1 MiB
 * buffered, or a send blocked for 10 s) is dropped rather than slowing the others.
 *
 * @param <U> who a subscriber is, as the service knows it (the agent knows no users on its hub; the orchestrator does)
 */
public final class EventSubscribers<U> {

    /** Where a service mounts its hub (the reference's path). */
    public static final String PATH = "/api/v1/ws/subscribe";

    public static final String GLOBAL = "global";
    public static final String HEALTH = "health";

    private static final Logger log = LoggerFactory.getLogger(EventSubscribers.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 1024 * 1024;

    private final JsonMapper json;
    private final Map<String, Subscriber<U>> subscribers = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    public EventSubscribers(JsonMapper json) {
        this.json = json;
    }

    /** One connected client and the channels it hears. */
    public record Subscriber<U>(WebSocketSession session, U user, Set<String> channels, Instant connectedAt) {

        public String id() {
            return session.getId();
        }
    }

    /**
     * Registers a new connection and greets it.
     *
     * @param mayJoin which requested channels this subscriber may hear ({@code global} always)
     */
    public void join(WebSocketSession session, U user, Predicate<String> mayJoin) {
        // Ordered as asked (global first), and safe to change while events are published (unsubscribe).
        Set<String> channels = new CopyOnWriteArraySet<>();
        channels.add(GLOBAL);
        requestedChannels(session.getUri()).stream().filter(mayJoin).forEach(channels::add);
        Subscriber<U> subscriber = new Subscriber<>(
                new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS, BUFFER_LIMIT_BYTES),
                user,
                channels,
                Instant.now());
        subscribers.put(session.getId(), subscriber);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("client_id", session.getId());
        welcome.put("subscriptions", List.copyOf(channels));
        send(subscriber, EventMessage.of(GLOBAL, "WebSocket connection established", welcome));
    }

    /** A client's message: only {@code ping} means something. */
    public void received(WebSocketSession session, TextMessage message) {
        Subscriber<U> subscriber = subscribers.get(session.getId());
        if (subscriber == null) {
            return;
        }
        try {
            if ("ping"
                    .equalsIgnoreCase(
                            json.readTree(message.getPayload()).path("message").asString(""))) {
                send(subscriber, EventMessage.of(HEALTH, "pong", null));
            }
        } catch (RuntimeException notJson) {
            log.debug("Ignoring a malformed client message");
        }
    }

    public void left(WebSocketSession session) {
        subscribers.remove(session.getId());
    }

    /** Sends an event to every subscriber of its channel, each copy addressed to its client. */
    public void publish(EventMessage message) {
        subscribers.values().stream()
                .filter(subscriber -> subscriber.channels().contains(message.eventType()))
                .forEach(subscriber -> send(subscriber, message));
    }

    /** Whether any client subscribes to the channel (so that costly events are made only when heard). */
    public boolean anyoneListensTo(String channel) {
        return subscribers.values().stream()
                .anyMatch(subscriber -> subscriber.channels().contains(channel));
    }

    public @Nullable Subscriber<U> get(String id) {
        return subscribers.get(id);
    }

    public Collection<Subscriber<U>> all() {
        return List.copyOf(subscribers.values());
    }

    /** Messages sent since start. */
    public long sent() {
        return sent.get();
    }

    private void send(Subscriber<U> subscriber, EventMessage message) {
        try {
            subscriber
                    .session()
                    .sendMessage(new TextMessage(json.writeValueAsString(message.forClient(subscriber.id()))));
            sent.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            log.debug("Dropping event client {}: {}", subscriber.id(), e.toString());
            subscribers.remove(subscriber.id());
            try {
                subscriber.session().close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    private static Set<String> requestedChannels(@Nullable URI uri) {
        Set<String> channels = new LinkedHashSet<>();
        if (uri != null) {
            String requested =
                    UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("event_types");
            if (requested != null) {
                // The query's values come still percent-encoded: decode before trimming and checking them.
                Arrays.stream(UriUtils.decode(requested, StandardCharsets.UTF_8).split(","))
                        .map(String::trim)
                        .filter(channel -> !channel.isEmpty())
                        .forEach(channels::add);
            }
        }
        return channels;
    }
}
