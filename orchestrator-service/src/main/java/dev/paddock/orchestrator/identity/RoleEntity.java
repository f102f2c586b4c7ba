package dev.paddock.orchestrator.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "roles")
class RoleEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private @Nullable String description;
    private boolean internal;
    private Instant createdAt;
    private Instant updatedAt;

    @ManyToMany
    @JoinTable(
            name = "role_claims",
            joinColumns = @JoinColumn(name = "role_id"),
            inverseJoinColumns = @JoinColumn(name = "claim_id"))
    private Set<ClaimEntity> claims = new HashSet<>();

    protected RoleEntity() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    RoleEntity(String name, @Nullable String description, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.description = description;
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

    boolean internal() {
        return internal;
    }

    Set<ClaimEntity> claims() {
        return claims;
    }

    boolean grant(ClaimEntity claim, Instant now) {
        updatedAt = now;
        return claims.add(claim);
    }

    boolean revoke(ClaimEntity claim, Instant now) {
        updatedAt = now;
        return claims.remove(claim);
    }
}
