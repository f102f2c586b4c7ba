package dev.paddock.orchestrator.vm;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "host_vms")
class HostVmEntity {

    @Embeddable
    record Key(UUID hostId, String vmId) implements Serializable {}

    @EmbeddedId
    Key key;

    @Column(nullable = false)
    String name;

    @Column(nullable = false)
    String state;

    boolean macos;
    int cpus;
    long memoryMb;
    long diskMb;

    @Nullable String ip;

    @Nullable String owner;

    @Nullable UUID createdBy;

    @Column(nullable = false)
    String raw;

    Instant updatedAt;

    protected HostVmEntity() {
        this.key = new Key(new UUID(0, 0), "");
        this.name = "";
        this.state = "";
        this.raw = "{}";
        this.updatedAt = Instant.EPOCH;
    }

    HostVmEntity(Key key) {
        this.key = key;
        this.name = "";
        this.state = "";
        this.raw = "{}";
        this.updatedAt = Instant.EPOCH;
    }
}
