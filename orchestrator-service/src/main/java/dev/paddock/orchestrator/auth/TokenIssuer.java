package dev.paddock.orchestrator.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.paddock.common.security.TokenClaims;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.identity.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Signs the RS256 JWTs every Paddock service accepts. A token carries the user's roles and effective claims at issue
 * time, so services authorise without calling back; the short lifetime bounds how long a change takes to apply.
 */
@Service
public class TokenIssuer {

    private final SigningKeys keys;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, OrchestratorProperties properties, Clock clock) {
        this.keys = keys;
        this.issuer = properties.tokens().issuer();
        this.lifetime = properties.tokens().lifetime();
        this.clock = clock;
    }

    public IssuedToken issue(UserAccount account, @Nullable UUID apiKeyId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(account.id().toString())
                .claim(TokenClaims.UID, account.id().toString())
                .claim(TokenClaims.USERNAME, account.username())
                .claim(TokenClaims.EMAIL, account.email())
                .claim(TokenClaims.ROLES, new ArrayList<>(account.roles()))
                .claim(TokenClaims.CLAIMS, TokenClaims.listed(account.isSuperUser(), account.effectiveClaims()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString());
        if (apiKeyId != null) {
            claims.claim(TokenClaims.API_KEY_ID, apiKeyId.toString());
        }
        RSAKey key = keys.active();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return new IssuedToken(jwt.serialize(), expiresAt);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
    }
}
