package dev.paddock.common.security;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service proves callers ({@code paddock.security.*}).
 *
 * @param orchestratorUrl base URL of the orchestrator; its JWKS verifies tokens and its token endpoint exchanges API keys
 * @param jwt token validation settings
 * @param publicPaths extra ant-style paths this service serves without authentication
 * @param publicMetrics whether {@code /actuator/prometheus} is readable without authentication (scrapers on a private
 *     network usually have none)
 */
@ConfigurationProperties("paddock.security")
public record PaddockSecurityProperties(
        @Nullable URI orchestratorUrl,
        @DefaultValue Jwt jwt,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("true") boolean publicMetrics) {

    /**
     * @param jwksUri where the orchestrator publishes its signing keys; defaults to {@code <orchestrator-url>/api/v1/auth/jwks}
     * @param issuer the {@code iss} every accepted token must carry
     */
    public record Jwt(
            @Nullable URI jwksUri,
            @DefaultValue(TokenClaims.DEFAULT_ISSUER) String issuer) {}

    /** The JWKS location, explicit or derived from the orchestrator URL; null when neither is configured. */
    public @Nullable URI effectiveJwksUri() {
        if (jwt.jwksUri() != null) {
            return jwt.jwksUri();
        }
        return orchestratorUrl == null ? null : URI.create(trimSlash(orchestratorUrl) + "/api/v1/auth/jwks");
    }

    private static String trimSlash(URI uri) {
        String value = uri.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
