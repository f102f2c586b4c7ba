package dev.paddock.orchestrator.userconfig;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "user_configs")
class UserConfigEntity {

    @Id
    UUID id;

    @Column(nullable = false)
    UUID userId;

    @Column(nullable = false)
    String slug;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String type;

    @Column(nullable = false)
    String value;

    Instant createdAt;
    Instant updatedAt;

    protected UserConfigEntity() {
        this.id = new UUID(0, 0);
        this.userId = new UUID(0, 0);
        this.slug = "";
        this.name = "";
        this.type = "";
        this.value = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    UserConfigEntity(UUID userId, String slug, String name, UserConfigType type, String value, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.slug = slug;
        this.name = name;
        this.type = type.wireName();
        this.value = value;
        this.createdAt = now;
        this.updatedAt = now;
    }
}
