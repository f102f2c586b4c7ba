package dev.paddock.orchestrator.job;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface JobRepository extends JpaRepository<JobEntity, UUID> {

    List<JobEntity> findAllByOrderByCreatedAtDesc();

    List<JobEntity> findByOwnerIdOrderByCreatedAtDesc(String ownerId);

    @Modifying
    @Query("update JobEntity j set j.heartbeatAt = :now where j.id in :ids and j.state in ('pending', 'running')")
    int touch(Collection<UUID> ids, Instant now);

    @Query("select j from JobEntity j where j.state in ('pending', 'running') and j.heartbeatAt < :before")
    List<JobEntity> findAbandoned(Instant before);

    @Modifying
    @Query("delete from JobEntity j where j.state in ('completed', 'failed') and j.updatedAt < :before")
    int deleteFinishedBefore(Instant before);
}
