package dev.paddock.orchestrator.identity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the identity API, as the reference names them. */
public final class IdentityViews {

    private IdentityViews() {}

    /** The reference's {@code ApiUser}. */
    public record ApiUser(
            UUID id,
            String username,
            String name,
            String email,
            List<String> roles,
            List<String> claims,
            List<EffectiveClaim> effectiveClaims,

            @JsonProperty("isSuperUser") @Schema(name = "isSuperUser")
            boolean superUser) {}

    /** A claim a user holds, directly or through a role. */
    public record EffectiveClaim(
            UUID id,
            String name,
            boolean isInherited,
            @Nullable String sourceRole) {}

    /** The reference's {@code ClaimResponse}. */
    public record ClaimView(
            UUID id,
            String name,
            @Nullable String description,
            String group,
            String resource,
            String action,
            boolean internal) {}

    /** The reference's {@code RoleResponse}. */
    public record RoleView(
            UUID id, String name, @Nullable String description, boolean internal, List<ClaimView> claims) {}

    /** Claims grouped for the UI's permission matrix ({@code /auth/claims/grouped}). */
    public record ClaimGroup(String group, List<ClaimResource> resources) {}

    public record ClaimResource(String resource, List<ClaimView> claims) {}
}
