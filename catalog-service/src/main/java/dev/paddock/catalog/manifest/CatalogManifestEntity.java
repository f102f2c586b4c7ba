package dev.paddock.catalog.manifest;

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
@Table(name = "catalog_manifests")
class CatalogManifestEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String catalogId;

    @Column(nullable = false)
    private String version;

    @Column(nullable = false)
    private String architecture;

    private @Nullable String description;

    @Column(nullable = false)
    private String type;

    @Column(name = "size_bytes")
    private long size;

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> tags = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> requiredRoles = List.of();

    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> requiredClaims = List.of();

    private boolean tainted;
    private boolean revoked;
    private long downloadCount;
    private Instant createdAt;
    private Instant updatedAt;

    protected CatalogManifestEntity() {
        this.id = new UUID(0, 0);
        this.catalogId = "";
        this.version = "";
        this.architecture = "";
        this.type = "";
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    CatalogManifest toRecord() {
        return new CatalogManifest(
                id,
                catalogId,
                catalogId + "-" + architecture + "-" + version,
                version,
                architecture,
                description,
                type,
                size,
                tags,
                requiredRoles,
                requiredClaims,
                tainted,
                revoked,
                downloadCount,
                createdAt,
                updatedAt);
    }

    List<String> requiredRoles() {
        return requiredRoles;
    }

    List<String> requiredClaims() {
        return requiredClaims;
    }
}
