package dev.paddock.orchestrator.vm;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface HostVmRepository extends JpaRepository<HostVmEntity, HostVmEntity.Key> {

    List<HostVmEntity> findByKeyHostId(UUID hostId);

    @Query("select v from HostVmEntity v where lower(v.key.vmId) = lower(:id) or lower(v.name) = lower(:id)")
    List<HostVmEntity> findByIdOrName(String id);

    @Query("select v from HostVmEntity v order by lower(v.name)")
    List<HostVmEntity> findAllOrdered();

    /** Idempotent: the agent's VM-removed event may have removed the row already. */
    @Modifying
    @Query("delete from HostVmEntity v where v.key.hostId = :hostId and v.key.vmId = :vmId")
    int deleteIfPresent(UUID hostId, String vmId);
}
