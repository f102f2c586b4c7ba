package dev.paddock.orchestrator.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** JSON shapes of the API-key API (the reference's names). */
public final class ApiKeyViews {

    private ApiKeyViews() {}

    /**
     * The reference's {@code ApiKeyRequest}. {@code key} and {@code secret} are generated when not given; {@code user_id}
     * defaults to the caller.
     */
    public record CreateApiKey(
            // A label shown in lists and logs: any text but control characters (a terminal escape in a key's name
            // would reach every operator's screen).
            @NotBlank @Size(max = 100) @Pattern(regexp = "^\\P{Cntrl}+$", message = "may not contain control characters") String name,

            @Nullable @Size(min = 4, max = 100) @Pattern(regexp = "^[A-Za-z0-9_-]+$", message = "may contain only letters, digits, _ and -") String key,

            @Nullable @Size(min = 16, max = 72, message = "must be 16 to 72 characters") String secret,

            @Nullable Instant expiresAt,
            @Nullable String userId) {}

    /**
     * The reference's {@code ApiKeyResponse}. {@code encoded} — the value of the {@code X-Api-Key} header — is present
     * only in the answer to the request that created the key: the secret is stored hashed and cannot be shown again.
     */
    public record ApiKey(
            UUID id,
            String name,
            String key,
            @Nullable String encoded,
            boolean revoked,
            @Nullable Instant revokedAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt,
            Instant createdAt,
            UUID userId,
            @Nullable String userName,
            @Nullable String userEmail,
            @Nullable String userUsername) {}
}
