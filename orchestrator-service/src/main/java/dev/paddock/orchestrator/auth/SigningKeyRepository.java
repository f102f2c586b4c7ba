package dev.paddock.orchestrator.auth;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface SigningKeyRepository extends JpaRepository<SigningKeyEntity, String> {

    /** Keys that may still have valid tokens out there: active ones and those retired after {@code since}. */
    @Query(
            "select k from SigningKeyEntity k where k.retiredAt is null or k.retiredAt > :since order by k.createdAt desc")
    List<SigningKeyEntity> findPublishable(Instant since);

    @Query("select k from SigningKeyEntity k where k.retiredAt is null order by k.createdAt desc")
    List<SigningKeyEntity> findActive();
}
