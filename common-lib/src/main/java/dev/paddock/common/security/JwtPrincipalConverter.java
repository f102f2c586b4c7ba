package dev.paddock.common.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/** Turns a validated orchestrator JWT into a {@link PaddockAuthentication}. */
public final class JwtPrincipalConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public PaddockAuthentication convert(Jwt jwt) {
        return new PaddockAuthentication(principalOf(jwt), jwt.getTokenValue());
    }

    public static PaddockPrincipal principalOf(Jwt jwt) {
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        String username = jwt.getClaimAsString(TokenClaims.USERNAME);
        String email = jwt.getClaimAsString(TokenClaims.EMAIL);
        return new PaddockPrincipal(
                subject,
                username == null ? subject : username,
                email == null ? "" : email,
                setOf(jwt.getClaimAsStringList(TokenClaims.ROLES)),
                setOf(jwt.getClaimAsStringList(TokenClaims.CLAIMS)),
                jwt.getClaimAsString(TokenClaims.API_KEY_ID));
    }

    private static Set<String> setOf(List<String> values) {
        return values == null ? Set.of() : new HashSet<>(values);
    }
}
