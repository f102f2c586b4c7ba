package dev.paddock.common.security;

import dev.paddock.contracts.auth.AuthApi;
import dev.paddock.contracts.auth.LoginRequest;
import dev.paddock.contracts.auth.LoginResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Proves an API key by exchanging it at the orchestrator's {@code POST /api/v1/auth/token} for a JWT of the key's
 * owner, then validating that JWT like any other. The token is cached (keyed by a hash of the key, never the key) until
 * shortly before it expires, so a key costs one round trip per token lifetime, and a revoked key stops working within
 * one lifetime at most.
 */
public final class TokenExchangeApiKeyAuthenticator implements ApiKeyAuthenticator {

    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_ENTRIES = 10_000;

    private final RestClient orchestrator;
    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Exchanged> cache = new ConcurrentHashMap<>();

    public TokenExchangeApiKeyAuthenticator(RestClient.Builder builder, URI orchestratorUrl, JwtDecoder decoder) {
        this(builder.clone().baseUrl(orchestratorUrl.toString()).build(), decoder, Clock.systemUTC());
    }

    TokenExchangeApiKeyAuthenticator(RestClient orchestrator, JwtDecoder decoder, Clock clock) {
        this.orchestrator = orchestrator;
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public PaddockAuthentication authenticate(ApiKeyCredentials credentials) {
        String cacheKey = sha256(credentials.key() + ":" + credentials.secret());
        Exchanged cached = cache.get(cacheKey);
        if (cached != null && cached.validAt(clock.instant())) {
            return cached.authentication();
        }
        Exchanged fresh = exchange(credentials);
        if (cache.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            cache.values().removeIf(entry -> !entry.validAt(now));
        }
        cache.put(cacheKey, fresh);
        return fresh.authentication();
    }

    private Exchanged exchange(ApiKeyCredentials credentials) {
        LoginResponse response;
        try {
            response = orchestrator
                    .post()
                    .uri(AuthApi.TOKEN)
                    .body(LoginRequest.withApiKey(credentials.encoded()))
                    .retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (request, reply) -> {
                        throw new BadCredentialsException("API key rejected by the orchestrator");
                    })
                    .body(LoginResponse.class);
        } catch (ResourceAccessException e) {
            throw new AuthenticationServiceException("cannot reach the orchestrator to verify the API key", e);
        }
        if (response == null || response.token() == null) {
            throw new AuthenticationServiceException("the orchestrator returned no token for the API key");
        }
        Jwt jwt = decoder.decode(response.token());
        Instant expiresAt = jwt.getExpiresAt() == null ? clock.instant() : jwt.getExpiresAt();
        return new Exchanged(
                new PaddockAuthentication(JwtPrincipalConverter.principalOf(jwt), jwt.getTokenValue()),
                expiresAt.minus(EXPIRY_MARGIN));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Exchanged(PaddockAuthentication authentication, Instant refreshAfter) {

        boolean validAt(Instant now) {
            return now.isBefore(refreshAfter);
        }
    }
}
