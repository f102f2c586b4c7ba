package dev.paddock.orchestrator.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded mutation. */
public record AuditEvent(
        long id,
        Instant occurredAt,
        @Nullable String actorId,
        @Nullable String actorName,
        String action,
        String targetType,
        @Nullable String targetId,
        @Nullable String details,
        @Nullable String requestId) {}
