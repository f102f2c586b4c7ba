package dev.paddock.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message on the event hub, in the reference's envelope: {@code id}, optional {@code ref_id}, {@code event_type}
 * (the channel: {@code global}, {@code pdfm}, {@code orchestrator}, {@code health}, {@code job_manager}, {@code auth}...),
 * {@code timestamp}, {@code message} (the event name, e.g. {@code VM_STATE_CHANGED}) and a {@code body}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventMessage(
        String id,
        @Nullable String refId,
        String eventType,
        Instant timestamp,
        String message,
        @Nullable Object body,
        @Nullable String clientId) {

    public static EventMessage of(String channel, String name, @Nullable Object body) {
        return new EventMessage(UUID.randomUUID().toString(), null, channel, Instant.now(), name, body, null);
    }

    public EventMessage forClient(String client) {
        return new EventMessage(id, refId, eventType, timestamp, message, body, client);
    }
}
