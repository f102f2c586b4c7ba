package dev.paddock.contracts.fleet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reference's {@code OrchestratorHostRequest} ({@code POST} {@link FleetApi#HOSTS}): an agent enrolling itself
 * (with {@link FleetApi#ENROLLMENT_TOKEN}: its URL, name and tags) or an operator registering a standalone agent by URL
 * (with how to call it).
 */
public record RegisterHost(
        @NotBlank @Size(max = 1024) @Pattern(regexp = "^https?://.+", message = "must be an http(s) URL of the host agent")
        String host,

        @Nullable @Size(max = 255) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$", message = "may contain letters, digits, . _ -") String name,

        @Nullable @Size(max = 1000) String description,

        @Nullable List<@Pattern(regexp = "^[A-Za-z0-9._:-]{1,64}$", message = "tags are 1-64 letters, digits or . _ : -") String>
                tags,

        @Nullable @Valid Authentication authentication,
        @Nullable List<String> requiredClaims,
        @Nullable List<String> requiredRoles) {

    /** The reference's {@code OrchestratorAuthentication}: how to call a standalone agent. */
    public record Authentication(
            @Nullable String apiKey,
            @Nullable String username,
            @Nullable String password) {}
}
