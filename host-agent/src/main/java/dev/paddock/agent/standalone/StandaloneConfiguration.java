package dev.paddock.agent.standalone;

import com.nimbusds.jose.JOSEException;
import dev.paddock.common.security.ApiKeyAuthenticator;
import dev.paddock.common.security.JwtPrincipalConverter;
import dev.paddock.common.security.PaddockAuthentication;
import dev.paddock.common.security.PaddockHttpSecurity;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/** In standalone mode the agent verifies its own tokens and API keys instead of trusting an orchestrator. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "paddock.agent.standalone.enabled", havingValue = "true")
class StandaloneConfiguration {

    static final List<String> PUBLIC_PATHS = List.of("/api/v1/auth/token", "/api/v1/auth/jwks");

    @Bean
    LocalAccounts localAccounts(StandaloneProperties properties, Clock clock) {
        return new LocalAccounts(properties, clock);
    }

    @Bean
    JwtDecoder jwtDecoder(LocalAccounts accounts) throws JOSEException {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(
                        accounts.signingKey().toRSAPublicKey())
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer("paddock")));
        return decoder;
    }

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(LocalAccounts accounts, JwtDecoder decoder) {
        return credentials -> {
            LocalAccounts.IssuedToken token = accounts.loginWithKey(credentials);
            return new PaddockAuthentication(
                    JwtPrincipalConverter.principalOf(decoder.decode(token.token())), token.token());
        };
    }

    @Bean
    SecurityFilterChain standaloneSecurity(HttpSecurity http, PaddockHttpSecurity security) throws Exception {
        return security.build(http, PUBLIC_PATHS);
    }
}
