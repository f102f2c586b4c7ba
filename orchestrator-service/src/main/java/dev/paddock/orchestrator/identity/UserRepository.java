package dev.paddock.orchestrator.identity;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface UserRepository extends JpaRepository<UserEntity, UUID> {

    Optional<UserEntity> findByUsernameIgnoreCase(String username);

    Optional<UserEntity> findByEmailIgnoreCase(String email);

    /** Locks the row so concurrent failed logins count one by one. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from UserEntity u where lower(u.username) = lower(:username)")
    Optional<UserEntity> lockByUsername(String username);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select u from UserEntity u where lower(u.email) = lower(:email)")
    Optional<UserEntity> lockByEmail(String email);

    @EntityGraph(attributePaths = {"roles", "roles.claims", "claims"})
    @Query("select u from UserEntity u where u.id = :id")
    Optional<UserEntity> findWithGrantsById(UUID id);

    @EntityGraph(attributePaths = {"roles", "claims"})
    @Query("select u from UserEntity u order by lower(u.username)")
    List<UserEntity> findAllWithGrants();

    @Query("select count(u) > 0 from UserEntity u join u.roles r where r.id = :roleId")
    boolean existsWithRole(UUID roleId);
}
