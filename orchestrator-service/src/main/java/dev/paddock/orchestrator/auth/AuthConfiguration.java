package dev.paddock.orchestrator.auth;

import dev.paddock.common.security.ApiKeyAuthenticator;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.apikey.ApiKeys;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The orchestrator is the issuer: it verifies tokens with its own keys and API keys against its own database. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, OrchestratorProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.tokens().issuer())));
        return decoder;
    }

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(ApiKeys keys, TokenIssuer tokens, JwtDecoder decoder, Clock clock) {
        return new DatabaseApiKeyAuthenticator(keys, tokens, decoder, clock);
    }
}
