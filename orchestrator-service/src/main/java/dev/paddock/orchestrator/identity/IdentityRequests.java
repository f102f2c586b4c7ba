package dev.paddock.orchestrator.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Validated request bodies of the identity API (the reference's field names). */
public final class IdentityRequests {

    /** Names of users, roles and claims: letters, digits and {@code _ . - @}, so they are safe in URLs and logs. */
    static final String NAME_PATTERN = "^[A-Za-z0-9_.@-]+$";

    private IdentityRequests() {}

    /** The reference's {@code UserCreateRequest}. */
    public record CreateUser(
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "may contain only letters, digits and _ . - @") String username,

            @Nullable @Size(max = 255) String name,
            @NotBlank @Email @Size(max = 255) String email,
            @NotBlank String password,
            @Nullable List<String> roles,
            @Nullable List<String> claims,
            boolean isSuperUser) {}

    /** PUT /auth/users/{id}: every field optional; only given ones change. */
    public record UpdateUser(
            @Nullable @Size(max = 255) String name,
            @Nullable @Email @Size(max = 255) String email,
            @Nullable String password) {}

    /** {@code {"name": "..."}}: a role or claim to add by name. */
    public record NameRef(@NotBlank @Size(max = 100) String name) {}

    /** The reference's {@code RoleRequest}. */
    public record CreateRole(
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "may contain only letters, digits and _ . - @") String name,

            @Nullable @Size(max = 500) String description,
            @Nullable List<String> claims) {}

    /** The reference's {@code ClaimRequest}, with Paddock's optional classification for the permission matrix. */
    public record CreateClaim(
            @NotBlank @Size(max = 100) @Pattern(regexp = NAME_PATTERN, message = "may contain only letters, digits and _ . - @") String name,

            @Nullable @Size(max = 500) String description,
            @Nullable @Size(max = 100) String group,
            @Nullable @Size(max = 100) String resource,
            @Nullable @Size(max = 50) String action) {}
}
