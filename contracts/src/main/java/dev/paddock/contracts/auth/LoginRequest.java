package dev.paddock.contracts.auth;

import org.jspecify.annotations.Nullable;

/** The reference's {@code LoginRequest}: a username or email with a password, or an API key to exchange. */
public record LoginRequest(
        @Nullable String username,
        @Nullable String email,
        @Nullable String password,
        @Nullable String apiKey) {

    public static LoginRequest withApiKey(String apiKey) {
        return new LoginRequest(null, null, null, apiKey);
    }
}
