package dev.paddock.edge.access;

import dev.paddock.common.security.TokenClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A {@link RouteAccess} for fast tests, without keys or an orchestrator: a bearer token {@code user:CLAIM,CLAIM} proves
 * a user holding those claims; any other token, and every API key, is refused.
 */
public final class TestRouteAccess {

    private TestRouteAccess() {}

    public static RouteAccess create() {
        return new RouteAccess(
                token -> {
                    int colon = token.indexOf(':');
                    if (colon < 1) {
                        throw new BadJwtException("not a token");
                    }
                    String user = token.substring(0, colon);
                    List<String> claims = List.of(token.substring(colon + 1).split(","));
                    return new Jwt(
                            token,
                            Instant.now(),
                            Instant.now().plusSeconds(60),
                            Map.of("alg", "none"),
                            Map.of("sub", user, TokenClaims.USERNAME, user, TokenClaims.CLAIMS, claims));
                },
                credentials -> {
                    throw new BadCredentialsException("unknown key");
                });
    }
}
