package dev.paddock.orchestrator.host;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface HostRepository extends JpaRepository<HostEntity, UUID> {

    @Query("select h from HostEntity h where lower(h.name) = lower(:name)")
    Optional<HostEntity> findByName(String name);

    List<HostEntity> findAllByOrderByNameAsc();

    /** Locks the host row: capacity decisions on one host are made one at a time, on every replica. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from HostEntity h where h.id = :id")
    Optional<HostEntity> lockById(UUID id);
}
