package dev.paddock.orchestrator.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKeyEntity, UUID> {

    Optional<ApiKeyEntity> findByKey(String key);

    Optional<ApiKeyEntity> findByNameIgnoreCaseAndUserId(String name, UUID userId);

    List<ApiKeyEntity> findAllByOrderByCreatedAtAsc();

    List<ApiKeyEntity> findByUserIdOrderByCreatedAtAsc(UUID userId);

    /** Records use without loading the row or racing other writers; at most once a minute per key. */
    @Modifying
    @Query(
            "update ApiKeyEntity k set k.lastUsedAt = :now where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :before)")
    int touch(UUID id, Instant now, Instant before);
}
