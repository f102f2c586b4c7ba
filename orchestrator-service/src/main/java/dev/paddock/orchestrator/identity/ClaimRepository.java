package dev.paddock.orchestrator.identity;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClaimRepository extends JpaRepository<ClaimEntity, UUID> {

    Optional<ClaimEntity> findByNameIgnoreCase(String name);
}
