package dev.paddock.orchestrator.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "users")
class UserEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String username;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String passwordHash;

    private int failedLoginAttempts;
    private @Nullable Instant lockedUntil;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private long version;

    @ManyToMany
    @JoinTable(
            name = "user_roles",
            joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "role_id"))
    private Set<RoleEntity> roles = new HashSet<>();

    @ManyToMany
    @JoinTable(
            name = "user_claims",
            joinColumns = @JoinColumn(name = "user_id"),
            inverseJoinColumns = @JoinColumn(name = "claim_id"))
    private Set<ClaimEntity> claims = new HashSet<>();

    protected UserEntity() {
        this.id = new UUID(0, 0);
        this.username = "";
        this.email = "";
        this.name = "";
        this.passwordHash = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    UserEntity(UUID id, String username, String email, String name, String passwordHash, Instant now) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    String name() {
        return name;
    }

    String passwordHash() {
        return passwordHash;
    }

    int failedLoginAttempts() {
        return failedLoginAttempts;
    }

    @Nullable Instant lockedUntil() {
        return lockedUntil;
    }

    Set<RoleEntity> roles() {
        return roles;
    }

    Set<ClaimEntity> claims() {
        return claims;
    }

    boolean isLockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    void changeProfile(String email, String name, Instant now) {
        this.email = email;
        this.name = name;
        this.updatedAt = now;
    }

    void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    /** Counts a failure; locks the account once {@code maxAttempts} consecutive failures are reached. */
    void recordFailedLogin(int maxAttempts, java.time.Duration lockFor, Instant now) {
        failedLoginAttempts++;
        if (failedLoginAttempts >= maxAttempts) {
            lockedUntil = now.plus(lockFor);
            failedLoginAttempts = 0;
        }
    }

    void recordSuccessfulLogin() {
        failedLoginAttempts = 0;
        lockedUntil = null;
    }

    void unlock(Instant now) {
        failedLoginAttempts = 0;
        lockedUntil = null;
        updatedAt = now;
    }

    boolean addRole(RoleEntity role, Instant now) {
        updatedAt = now;
        return roles.add(role);
    }

    boolean removeRole(RoleEntity role, Instant now) {
        updatedAt = now;
        return roles.remove(role);
    }

    boolean addClaim(ClaimEntity claim, Instant now) {
        updatedAt = now;
        return claims.add(claim);
    }

    boolean removeClaim(ClaimEntity claim, Instant now) {
        updatedAt = now;
        return claims.remove(claim);
    }
}
