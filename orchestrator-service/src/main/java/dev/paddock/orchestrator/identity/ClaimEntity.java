package dev.paddock.orchestrator.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "claims")
class ClaimEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private @Nullable String description;

    @Column(name = "claim_group", nullable = false)
    private String group;

    @Column(nullable = false)
    private String resource;

    @Column(nullable = false)
    private String action;

    private boolean internal;
    private Instant createdAt;
    private Instant updatedAt;

    protected ClaimEntity() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.group = "";
        this.resource = "";
        this.action = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    ClaimEntity(String name, @Nullable String description, String group, String resource, String action, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description;
        this.group = group;
        this.resource = resource;
        this.action = action;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    @Nullable String description() {
        return description;
    }

    String group() {
        return group;
    }

    String resource() {
        return resource;
    }

    String action() {
        return action;
    }

    boolean internal() {
        return internal;
    }

    void classify(String group, String resource, String action, Instant now) {
        this.group = group;
        this.resource = resource;
        this.action = action;
        this.updatedAt = now;
    }
}
