package dev.paddock.orchestrator.event;

import dev.paddock.common.event.EventMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events to every replica's WebSocket subscribers through PostgreSQL {@code NOTIFY}. Inside a transaction the
 * notification is delivered only if it commits (PostgreSQL holds notifications until commit), so subscribers never
 * hear about a change that was rolled back.
 */
@Service
public class EventBus {

    static final String CHANNEL = "paddock_events";
    /** PostgreSQL's payload limit is 8000 bytes; larger bodies are sent without the body. */
    private static final int MAX_PAYLOAD = 7800;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    EventBus(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param channel the reference's event type ({@code orchestrator}, {@code pdfm}, {@code health}, {@code job_manager},
     *     {@code auth}...)
     * @param name the event name, e.g. {@code HOST_HEALTH_UPDATE}
     */
    public void publish(String channel, String name, @Nullable Object body) {
        EventMessage message = EventMessage.of(channel, name, body);
        String payload = json.writeValueAsString(message);
        if (payload.length() > MAX_PAYLOAD) {
            payload = json.writeValueAsString(EventMessage.of(channel, name, java.util.Map.of("truncated", true)));
        }
        jdbc.query("select pg_notify(?, ?)", rs -> {}, CHANNEL, payload);
    }
}
