package dev.paddock.orchestrator.auth;

import dev.paddock.common.security.ApiKeyAuthenticator;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.JwtPrincipalConverter;
import dev.paddock.common.security.PaddockAuthentication;
import dev.paddock.orchestrator.apikey.ApiKeys;
import dev.paddock.orchestrator.apikey.ApiKeys.ApiKeyWithdrawn;
import dev.paddock.orchestrator.apikey.ApiKeys.VerifiedKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Proves {@code X-Api-Key} requests against the database. bcrypt is deliberately slow, so a proven key is remembered
 * for a minute (by a hash of key and secret, never the secret); revoking or deleting a key forgets it at once on this
 * replica, and within a minute on the others. The caller gets a token of the key's owner, which is what calls to other
 * services forward.
 */
class DatabaseApiKeyAuthenticator implements ApiKeyAuthenticator {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(1);

    private final ApiKeys keys;
    private final TokenIssuer tokens;
    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Proven> proven = new ConcurrentHashMap<>();

    DatabaseApiKeyAuthenticator(ApiKeys keys, TokenIssuer tokens, JwtDecoder decoder, Clock clock) {
        this.keys = keys;
        this.tokens = tokens;
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public PaddockAuthentication authenticate(ApiKeyCredentials credentials) {
        Instant now = clock.instant();
        String fingerprint = fingerprint(credentials);
        Proven cached = proven.get(fingerprint);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.authentication();
        }
        VerifiedKey verified = keys.verify(credentials);
        IssuedToken token = tokens.issue(verified.owner(), verified.keyId());
        PaddockAuthentication authentication = new PaddockAuthentication(
                JwtPrincipalConverter.principalOf(decoder.decode(token.token())), token.token());
        if (proven.size() > 10_000) {
            proven.values().removeIf(p -> !now.isBefore(p.until()));
        }
        proven.put(fingerprint, new Proven(verified.keyId(), authentication, now.plus(REMEMBER_FOR)));
        return authentication;
    }

    @EventListener
    void forget(ApiKeyWithdrawn withdrawn) {
        proven.values().removeIf(p -> p.keyId().equals(withdrawn.keyId()));
    }

    private static String fingerprint(ApiKeyCredentials credentials) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((credentials.key() + ":" + credentials.secret()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Proven(UUID keyId, PaddockAuthentication authentication, Instant until) {}
}
