package dev.paddock.orchestrator.catalogmanager;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "catalog_managers")
class CatalogManagerEntity {

    @Id
    UUID id;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String url;

    @Nullable String username;

    /** The password (with a username) or the API key, sealed with the manager's id as associated data. */
    @Nullable String secretSealed;

    boolean global;
    boolean internal;
    boolean active;

    @JdbcTypeCode(SqlTypes.ARRAY)
    List<String> requiredClaims = List.of();

    @Column(nullable = false)
    UUID ownerId;

    Instant createdAt;
    Instant updatedAt;

    protected CatalogManagerEntity() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.url = "";
        this.ownerId = new UUID(0, 0);
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    CatalogManagerEntity(UUID ownerId, Instant now) {
        this.id = UUID.randomUUID();
        this.name = "";
        this.url = "";
        this.ownerId = ownerId;
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }
}
