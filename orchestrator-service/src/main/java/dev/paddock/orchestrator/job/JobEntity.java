package dev.paddock.orchestrator.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "jobs")
class JobEntity {

    @Id
    UUID id;

    @Column(nullable = false)
    String ownerId;

    @Column(nullable = false)
    String ownerName;

    @Nullable String ownerEmail;

    @Column(nullable = false)
    String jobType;

    @Column(nullable = false)
    String operation;

    @Column(nullable = false)
    String state;

    @Nullable String message;

    int progress;

    /** The steps as JSON (list of {@link dev.paddock.contracts.job.JobView.StepView}). */
    @Column(nullable = false)
    String steps;

    @Nullable String result;

    @Nullable String resultRecordId;

    @Nullable String resultRecordName;

    @Nullable String resultRecordType;

    @Nullable String error;

    @Nullable UUID hostId;

    @Nullable String hostJobId;

    @Nullable String replica;

    Instant heartbeatAt;
    Instant createdAt;
    Instant updatedAt;

    protected JobEntity() {
        this.id = new UUID(0, 0);
        this.ownerId = "";
        this.ownerName = "";
        this.jobType = "";
        this.operation = "";
        this.state = "";
        this.steps = "[]";
        this.heartbeatAt = Instant.EPOCH;
        this.createdAt = Instant.EPOCH;
        this.updatedAt = Instant.EPOCH;
    }

    JobEntity(
            UUID id,
            String ownerId,
            String ownerName,
            @Nullable String ownerEmail,
            String jobType,
            String operation,
            String steps,
            String replica,
            Instant now) {
        this.id = id;
        this.ownerId = ownerId;
        this.ownerName = ownerName;
        this.ownerEmail = ownerEmail;
        this.jobType = jobType;
        this.operation = operation;
        this.state = "pending";
        this.steps = steps;
        this.replica = replica;
        this.heartbeatAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    boolean isFinished() {
        return state.equals("completed") || state.equals("failed");
    }
}
