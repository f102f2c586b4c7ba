package dev.paddock.orchestrator.host;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "enrollment_tokens")
class EnrollmentTokenEntity {

    @Id
    UUID id;

    @Column(nullable = false)
    String tokenHash;

    @Column(nullable = false)
    String hostName;

    @Column(nullable = false)
    Instant expiresAt;

    @Nullable Instant usedAt;

    @Nullable UUID usedByHost;

    @Nullable String createdBy;

    Instant createdAt;

    protected EnrollmentTokenEntity() {
        this.id = new UUID(0, 0);
        this.tokenHash = "";
        this.hostName = "";
        this.expiresAt = Instant.EPOCH;
        this.createdAt = Instant.EPOCH;
    }

    EnrollmentTokenEntity(
            String tokenHash, String hostName, Instant expiresAt, @Nullable String createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.tokenHash = tokenHash;
        this.hostName = hostName;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
        this.createdAt = now;
    }
}
