package dev.paddock.orchestrator.userconfig;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface UserConfigRepository extends JpaRepository<UserConfigEntity, UUID> {

    List<UserConfigEntity> findByUserIdOrderBySlugAsc(UUID userId);

    Optional<UserConfigEntity> findByUserIdAndSlug(UUID userId, String slug);

    Optional<UserConfigEntity> findByIdAndUserId(UUID id, UUID userId);
}
