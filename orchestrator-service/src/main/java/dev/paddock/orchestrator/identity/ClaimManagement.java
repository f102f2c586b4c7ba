package dev.paddock.orchestrator.identity;

import dev.paddock.common.security.Claims;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateClaim;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimGroup;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimResource;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Claims: the seeded catalogue plus operator-defined ones. Seeded claims cannot be deleted. */
@Service
public class ClaimManagement {

    private final ClaimRepository claims;
    private final AuditLog audit;
    private final Clock clock;

    ClaimManagement(ClaimRepository claims, AuditLog audit, Clock clock) {
        this.claims = claims;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ClaimView> list() {
        return claims.findAll().stream()
                .sorted(Comparator.comparing(ClaimEntity::name))
                .map(IdentityMapper::toView)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ClaimGroup> grouped() {
        Map<String, Map<String, List<ClaimView>>> tree = new TreeMap<>();
        list().forEach(claim -> tree.computeIfAbsent(claim.group(), g -> new TreeMap<>())
                .computeIfAbsent(claim.resource(), r -> new java.util.ArrayList<>())
                .add(claim));
        return tree.entrySet().stream()
                .map(group -> new ClaimGroup(
                        group.getKey(),
                        group.getValue().entrySet().stream()
                                .map(resource -> new ClaimResource(resource.getKey(), resource.getValue()))
                                .toList()))
                .toList();
    }

    @Transactional(readOnly = true)
    public ClaimView get(String idOrName) {
        return IdentityMapper.toView(find(idOrName));
    }

    @Transactional
    public ClaimView create(CreateClaim request) {
        String name = request.name().toUpperCase(Locale.ROOT);
        if (claims.findByNameIgnoreCase(name).isPresent()) {
            throw IdentityProblems.duplicate("claim", name);
        }
        ClaimEntity claim = claims.save(new ClaimEntity(
                name,
                request.description(),
                orDefault(request.group(), "Custom"),
                orDefault(request.resource(), "Custom"),
                orDefault(request.action(), "ALL"),
                clock.instant()));
        audit.record("CLAIM_CREATED", "claim", claim.id().toString(), Map.of("name", name));
        return IdentityMapper.toView(claim);
    }

    @Transactional
    public void delete(String idOrName) {
        ClaimEntity claim = find(idOrName);
        if (Claims.ALL.stream().anyMatch(seeded -> seeded.name().equals(claim.name()))) {
            throw IdentityProblems.protectedIdentity(
                    "The claim " + claim.name() + " is built in and cannot be deleted.");
        }
        claims.delete(claim);
        audit.record("CLAIM_DELETED", "claim", claim.id().toString(), Map.of("name", claim.name()));
    }

    ClaimEntity find(String idOrName) {
        return Lookup.asUuid(idOrName)
                .flatMap(claims::findById)
                .or(() -> claims.findByNameIgnoreCase(idOrName))
                .orElseThrow(() -> IdentityProblems.claimNotFound(idOrName));
    }

    private static String orDefault(@org.jspecify.annotations.Nullable String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
