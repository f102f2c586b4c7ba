package dev.paddock.orchestrator.host;

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
@Table(name = "hosts")
class HostEntity {

    @Id
    UUID id;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String url;

    @Nullable String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    List<String> tags = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    List<String> requiredRoles = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    List<String> requiredClaims = List.of();

    boolean enabled = true;
    boolean draining;

    @Column(nullable = false)
    String mode;

    @Column(nullable = false)
    String state = "unknown";

    @Nullable String stateReason;

    @Nullable Instant lastSeenAt;

    @Nullable String architecture;

    @Nullable String cpuModel;

    @Nullable String osVersion;

    @Nullable String pdVersion;

    boolean pdLicensed;

    @Nullable String agentVersion;

    @Nullable String tunnelAddress;

    int totalCpus;
    long totalMemoryMb;
    long totalDiskMb;
    long freeDiskMb;
    int reservedCpus;
    long reservedMemoryMb;
    long reservedDiskMb;

    @Nullable String vmDigest;

    @Nullable String cacheDigest;

    @Nullable String secretHash;

    @Nullable String credentialsSealed;

    Instant createdAt;
    Instant updatedAt;

    protected HostEntity() {
        this.id = new UUID(0, 0);
        this.name = "";
        this.url = "";
        this.mode = "push";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    HostEntity(UUID id, String name, String url, String mode, Instant now) {
        this.id = id;
        this.name = name;
        this.url = url;
        this.mode = mode;
        this.createdAt = now;
        this.updatedAt = now;
    }
}
