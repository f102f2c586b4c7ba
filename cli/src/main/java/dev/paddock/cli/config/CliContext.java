package dev.paddock.cli.config;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One server the CLI talks to, and how it proves itself there.
 *
 * @param name the context's name
 * @param url base URL of the Paddock edge (or any service serving /api/v1)
 * @param username who logged in (for display)
 * @param apiKey {@code base64(KEY:SECRET)} when logged in with an API key; lets the CLI refresh tokens by itself
 * @param token the cached token
 * @param tokenExpiresAt when the cached token expires
 * @param insecure accept any TLS certificate (test servers only)
 */
public record CliContext(
        String name,
        String url,
        @Nullable String username,
        @Nullable String apiKey,
        @Nullable String token,
        @Nullable Instant tokenExpiresAt,
        boolean insecure) {

    public CliContext withUrl(String newUrl, boolean newInsecure) {
        return new CliContext(name, newUrl, username, apiKey, token, tokenExpiresAt, newInsecure);
    }

    public CliContext withSession(
            @Nullable String user, @Nullable String key, @Nullable String newToken, @Nullable Instant expiresAt) {
        return new CliContext(name, url, user, key, newToken, expiresAt, insecure);
    }

    public CliContext loggedOut() {
        return new CliContext(name, url, null, null, null, null, insecure);
    }
}
