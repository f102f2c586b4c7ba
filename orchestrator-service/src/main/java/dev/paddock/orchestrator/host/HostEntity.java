package dev.paddock.orchestrator.host;

import dev.paddock.contracts.fleet.RegisterHost;
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
import tools.jackson.databind.JsonNode;

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

    /** Takes the operator's description, tags and restrictions from a registration or an enrollment. */
    void applyRegistration(RegisterHost request) {
        description = request.description();
        tags = request.tags() == null ? List.of() : List.copyOf(request.tags());
        requiredClaims = request.requiredClaims() == null ? List.of() : List.copyOf(request.requiredClaims());
        requiredRoles = request.requiredRoles() == null ? List.of() : List.copyOf(request.requiredRoles());
    }

    /** Takes what the agent's {@code /config/hardware} says about the host. */
    void applyHardware(JsonNode hardware, Instant now) {
        architecture = hardware.path("cpu_type").asString(null);
        cpuModel = hardware.path("cpu_brand").asString(null);
        osVersion = hardware.path("os_version").asString(null);
        pdVersion = hardware.path("parallels_desktop_version").asString(null);
        pdLicensed = hardware.path("parallels_desktop_licensed").asBoolean(false);
        agentVersion = hardware.path("devops_version").asString(null);
        totalCpus = hardware.path("total").path("logical_cpu_count").asInt(0);
        totalMemoryMb = hardware.path("total").path("memory_size").asLong(0);
        totalDiskMb = hardware.path("total").path("disk_count").asLong(0);
        freeDiskMb = hardware.path("total_available")
                .path("prl_home_free_size")
                .asLong(hardware.path("total").path("prl_home_free_size").asLong(0));
        reservedCpus =
                hardware.path("system_reserved").path("logical_cpu_count").asInt(0);
        reservedMemoryMb = hardware.path("system_reserved").path("memory_size").asLong(0);
        reservedDiskMb = hardware.path("system_reserved").path("disk_count").asLong(0);
        updatedAt = now;
    }
}
