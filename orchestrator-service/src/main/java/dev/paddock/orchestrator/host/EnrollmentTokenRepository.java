package dev.paddock.orchestrator.host;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface EnrollmentTokenRepository extends JpaRepository<EnrollmentTokenEntity, UUID> {

    Optional<EnrollmentTokenEntity> findByTokenHash(String tokenHash);

    /** Locked, so two agents presenting the same token cannot both use it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from EnrollmentTokenEntity t where t.tokenHash = :tokenHash")
    Optional<EnrollmentTokenEntity> lockByTokenHash(String tokenHash);

    @Modifying
    @Query("delete from EnrollmentTokenEntity t where t.expiresAt < :before")
    int deleteExpiredBefore(Instant before);
}
