package dev.paddock.orchestrator.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "audit_events")
class AuditEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(nullable = false)
    private Instant occurredAt;

    private @Nullable String actorId;
    private @Nullable String actorName;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String targetType;

    private @Nullable String targetId;
    private @Nullable String details;
    private @Nullable String requestId;

    protected AuditEventEntity() {
        this.occurredAt = Instant.EPOCH;
        this.action = "";
        this.targetType = "";
    }

    AuditEventEntity(
            Instant occurredAt,
            @Nullable String actorId,
            @Nullable String actorName,
            String action,
            String targetType,
            @Nullable String targetId,
            @Nullable String details,
            @Nullable String requestId) {
        this.occurredAt = occurredAt;
        this.actorId = actorId;
        this.actorName = actorName;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.details = details;
        this.requestId = requestId;
    }

    AuditEvent toRecord() {
        return new AuditEvent(
                id == null ? 0 : id, occurredAt, actorId, actorName, action, targetType, targetId, details, requestId);
    }
}
