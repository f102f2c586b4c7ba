package dev.paddock.orchestrator.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "api_keys")
class ApiKeyEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String key;

    @Column(nullable = false)
    private String secretHash;

    @Column(nullable = false)
    private UUID userId;

    private boolean revoked;
    private @Nullable Instant revokedAt;
    private @Nullable Instant expiresAt;
    private @Nullable Instant lastUsedAt;
    private Instant createdAt;
    private Instant updatedAt;

    protected ApiKeyEntity() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.key = "";
        this.secretHash = "";
        this.userId = new UUID(0, 0);
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    ApiKeyEntity(String name, String key, String secretHash, UUID userId, @Nullable Instant expiresAt, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.key = key;
        this.secretHash = secretHash;
        this.userId = userId;
        this.expiresAt = expiresAt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Sets the secret, owner and validity a configured service key must have. */
    void reset(String secretHash, UUID userId, Instant now) {
        this.secretHash = secretHash;
        this.userId = userId;
        this.revoked = false;
        this.revokedAt = null;
        this.expiresAt = null;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String key() {
        return key;
    }

    String secretHash() {
        return secretHash;
    }

    UUID userId() {
        return userId;
    }

    boolean revoked() {
        return revoked;
    }

    @Nullable Instant revokedAt() {
        return revokedAt;
    }

    @Nullable Instant expiresAt() {
        return expiresAt;
    }

    @Nullable Instant lastUsedAt() {
        return lastUsedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean isExpiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    void revoke(Instant now) {
        revoked = true;
        revokedAt = now;
        updatedAt = now;
    }

    void markUsed(Instant now) {
        lastUsedAt = now;
    }
}
