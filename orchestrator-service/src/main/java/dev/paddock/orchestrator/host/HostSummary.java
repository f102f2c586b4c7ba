package dev.paddock.orchestrator.host;

import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.orchestrator.agent.AgentTarget;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A host as other features need it: identity, where its agent is, whether it may be used, its restrictions. */
public record HostSummary(
        UUID id,
        String name,
        URI url,
        boolean enabled,
        boolean draining,
        String state,
        @Nullable String architecture,
        List<String> tags,
        List<String> requiredRoles,
        List<String> requiredClaims,
        String mode,
        @Nullable Instant lastSeenAt,
        @Nullable String apiKey) {

    public boolean isHealthy() {
        return "healthy".equals(state);
    }

    public AgentTarget target() {
        return new AgentTarget(id, name, url, apiKey);
    }

    /**
     * The reference's record-level rule: visible if the host requires no role or the caller has one of them, and
     * likewise for claims; super users see everything.
     */
    public boolean visibleTo(PaddockPrincipal caller) {
        if (caller.isSuperUser()) {
            return true;
        }
        boolean roles = requiredRoles.isEmpty() || requiredRoles.stream().anyMatch(caller.roles()::contains);
        boolean claims = requiredClaims.isEmpty() || requiredClaims.stream().anyMatch(caller.claims()::contains);
        return roles && claims;
    }
}
