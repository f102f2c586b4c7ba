package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.Roles;
import dev.paddock.orchestrator.identity.IdentityViews.ApiUser;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import dev.paddock.orchestrator.identity.IdentityViews.EffectiveClaim;
import dev.paddock.orchestrator.identity.IdentityViews.RoleView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class IdentityMapper {

    private IdentityMapper() {}

    static ClaimView toView(ClaimEntity claim) {
        return new ClaimView(
                claim.id(),
                claim.name(),
                claim.description(),
                claim.group(),
                claim.resource(),
                claim.action(),
                claim.internal());
    }

    static RoleView toView(RoleEntity role) {
        return new RoleView(
                role.id(),
                role.name(),
                role.description(),
                role.internal(),
                role.claims().stream()
                        .sorted(Comparator.comparing(ClaimEntity::name))
                        .map(IdentityMapper::toView)
                        .toList());
    }

    static ApiUser toApiUser(UserEntity user) {
        return new ApiUser(
                user.id(),
                user.username(),
                user.name(),
                user.email(),
                user.roles().stream().map(RoleEntity::name).sorted().toList(),
                user.claims().stream().map(ClaimEntity::name).sorted().toList(),
                effectiveClaims(user),
                isSuperUser(user));
    }

    static UserAccount toAccount(UserEntity user) {
        Set<String> effective = new HashSet<>();
        user.claims().forEach(c -> effective.add(c.name()));
        user.roles().forEach(r -> r.claims().forEach(c -> effective.add(c.name())));
        return new UserAccount(
                user.id(),
                user.username(),
                user.email(),
                user.name(),
                user.roles().stream().map(RoleEntity::name).collect(java.util.stream.Collectors.toSet()),
                effective);
    }

    /** Direct claims first, then each inherited one once, naming the first role (alphabetically) that grants it. */
    private static List<EffectiveClaim> effectiveClaims(UserEntity user) {
        Map<String, EffectiveClaim> byName = new LinkedHashMap<>();
        user.claims().stream()
                .sorted(Comparator.comparing(ClaimEntity::name))
                .forEach(c -> byName.put(c.name(), new EffectiveClaim(c.id(), c.name(), false, null)));
        user.roles().stream()
                .sorted(Comparator.comparing(RoleEntity::name))
                .forEach(role -> role.claims().stream()
                        .sorted(Comparator.comparing(ClaimEntity::name))
                        .forEach(c ->
                                byName.putIfAbsent(c.name(), new EffectiveClaim(c.id(), c.name(), true, role.name()))));
        return new ArrayList<>(byName.values());
    }

    private static boolean isSuperUser(UserEntity user) {
        return user.roles().stream().anyMatch(r -> Roles.SUPER_USER.equals(r.name()));
    }
}
