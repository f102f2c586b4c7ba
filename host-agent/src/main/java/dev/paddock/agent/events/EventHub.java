package dev.paddock.agent.events;

import dev.paddock.agent.inventory.VmChanged;
import dev.paddock.agent.jobs.JobUpdated;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.event.EventMessage;
import dev.paddock.common.event.EventSubscribers;
import dev.paddock.common.event.RuntimeStatsSampler;
import dev.paddock.common.event.StatsBroadcast;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * This host's event hub: WebSocket clients subscribe with {@code ?event_types=pdfm,job_manager} (the reference's
 * protocol, in {@link EventSubscribers}). VM changes from the inventory are sent on {@code pdfm} as the reference names
 * them, job updates on {@code job_manager}, this agent's runtime figures on {@code stats} every five seconds. Anyone the
 * security chain let in may hear every channel.
 */
@Component
class EventHub extends TextWebSocketHandler {

    static final String PDFM = "pdfm";
    static final String JOB_MANAGER = "job_manager";

    private final EventSubscribers<String> subscribers;
    private final StatsBroadcast stats;

    EventHub(JsonMapper json, RuntimeStatsSampler sampler) {
        this.subscribers = new EventSubscribers<>(json);
        this.stats = new StatsBroadcast(subscribers, sampler);
    }

    @PreDestroy
    void stopStats() {
        stats.close();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        String who =
                session.getPrincipal() == null ? "" : session.getPrincipal().getName();
        subscribers.join(session, who, channel -> true);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        subscribers.received(session, message);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        subscribers.left(session);
    }

    @EventListener
    void onVmChanged(VmChanged change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("vm_id", change.vmId());
        Vm after = change.after();
        Vm before = change.before();
        if (change.kind() == VmChanged.Kind.STATE_CHANGED) {
            body.put("previous_state", before == null ? "" : before.state());
            body.put("current_state", after == null ? "" : after.state());
        }
        Vm described = after != null ? after : before;
        if (described != null) {
            body.put("vm_name", described.name());
        }
        subscribers.publish(EventMessage.of(PDFM, change.event().name(), body));
    }

    @EventListener
    void onJobUpdated(JobUpdated update) {
        subscribers.publish(EventMessage.of(JOB_MANAGER, "JOB_UPDATED", update.job()));
    }
}
