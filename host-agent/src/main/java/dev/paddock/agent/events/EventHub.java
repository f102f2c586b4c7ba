package dev.paddock.agent.events;

import dev.paddock.agent.inventory.VmChanged;
import dev.paddock.agent.jobs.JobUpdated;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.event.EventMessage;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WebSocket clients subscribe with {@code ?event_types=pdfm,health} and always receive {@code global}. VM changes from
 * the inventory are sent on {@code pdfm} as the reference names them. A client that cannot keep up (more than 1 MiB
 * buffered or a send blocked for 10 s) is disconnected rather than slowing the others.
 */
@Component
class EventHub extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    static final String GLOBAL = "global";
    static final String PDFM = "pdfm";
    static final String JOB_MANAGER = "job_manager";

    private final JsonMapper json;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    EventHub(JsonMapper json) {
        this.json = json;
    }

    private record Client(WebSocketSession session, Set<String> channels) {}

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        Set<String> channels = new LinkedHashSet<>();
        channels.add(GLOBAL);
        URI uri = session.getUri();
        if (uri != null) {
            String requested =
                    UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("event_types");
            if (requested != null) {
                Arrays.stream(requested.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .forEach(channels::add);
            }
        }
        WebSocketSession safe = new ConcurrentWebSocketSessionDecorator(session, 10_000, 1024 * 1024);
        clients.put(session.getId(), new Client(safe, channels));
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("client_id", session.getId());
        welcome.put("subscriptions", channels);
        send(clients.get(session.getId()), EventMessage.of(GLOBAL, "WebSocket connection established", welcome));
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
                send(client, EventMessage.of("health", "pong", null));
            }
        } catch (RuntimeException notJson) {
            log.debug("Ignoring a malformed client message");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        clients.remove(session.getId());
    }

    int clientCount() {
        return clients.size();
    }

    @EventListener
    void onVmChanged(VmChanged change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("vm_id", change.vmId());
        Vm after = change.after();
        Vm before = change.before();
        String name = switch (change.kind()) {
            case ADDED -> "VM_ADDED";
            case REMOVED -> "VM_REMOVED";
            case STATE_CHANGED -> {
                body.put("previous_state", before == null ? "" : before.state());
                body.put("current_state", after == null ? "" : after.state());
                yield "VM_STATE_CHANGED";
            }
            case UPDATED -> "VM_UPDATED";
            case SNAPSHOTS_CHANGED -> "VM_SNAPSHOTS_UPDATED";
        };
        Vm described = after != null ? after : before;
        if (described != null) {
            body.put("vm_name", described.name());
        }
        broadcast(EventMessage.of(PDFM, name, body));
    }

    @EventListener
    void onJobUpdated(JobUpdated update) {
        broadcast(EventMessage.of(JOB_MANAGER, "JOB_UPDATED", update.job()));
    }

    void broadcast(EventMessage message) {
        clients.values().stream()
                .filter(client -> client.channels().contains(message.eventType()))
                .forEach(client -> send(client, message));
    }

    private void send(Client client, EventMessage message) {
        try {
            client.session()
                    .sendMessage(new TextMessage(json.writeValueAsString(
                            message.forClient(client.session().getId()))));
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
