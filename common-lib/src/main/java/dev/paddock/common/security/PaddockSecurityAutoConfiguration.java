package dev.paddock.common.security;

import dev.paddock.common.problem.ProblemAutoConfiguration;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.web.PaddockWebAutoConfiguration;
import java.net.URI;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Security wiring shared by every service: JWT validation against the orchestrator's JWKS, API keys, {@link
 * RequiresClaims} on methods and the standard filter chain. A service replaces a piece by declaring its own bean (the
 * orchestrator brings its own {@link JwtDecoder} and {@link ApiKeyAuthenticator}, being the issuer).
 */
@AutoConfiguration(after = {PaddockWebAutoConfiguration.class, ProblemAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, JwtDecoder.class})
@EnableConfigurationProperties(PaddockSecurityProperties.class)
@EnableMethodSecurity
public class PaddockSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(PaddockSecurityProperties properties) {
        URI jwks = properties.effectiveJwksUri();
        if (jwks == null) {
            throw new IllegalStateException(
                    "paddock.security.orchestrator-url (or paddock.security.jwt.jwks-uri) must be set so this service can verify tokens");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwks.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.jwt().issuer())));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    ApiKeyAuthenticator apiKeyAuthenticator(
            PaddockSecurityProperties properties, RestClient.Builder restClients, JwtDecoder jwtDecoder) {
        if (properties.orchestratorUrl() == null) {
            return credentials -> {
                throw new BadCredentialsException("API keys are not accepted here: no orchestrator is configured");
            };
        }
        return new TokenExchangeApiKeyAuthenticator(restClients, properties.orchestratorUrl(), jwtDecoder);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponses problemResponses(ProblemDetailEnricher enricher, JsonMapper jsonMapper) {
        return new ProblemResponses(enricher, jsonMapper);
    }

    /** Picked up by Spring Security's filter chain proxy for what its firewall refuses. */
    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler paddockRequestRejectedHandler(ProblemResponses problems) {
        return problems.requestRejectedHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    PaddockHttpSecurity paddockHttpSecurity(
            PaddockSecurityProperties properties,
            JwtDecoder jwtDecoder,
            ApiKeyAuthenticator apiKeys,
            ProblemResponses problems) {
        return new PaddockHttpSecurity(properties, jwtDecoder, apiKeys, problems);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain paddockSecurityFilterChain(HttpSecurity http, PaddockHttpSecurity security) throws Exception {
        return security.build(http);
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiresClaimsAdvisor() {
        ComposablePointcut pointcut = new ComposablePointcut(
                        new AnnotationMatchingPointcut(null, RequiresClaims.class, true))
                .union(new AnnotationMatchingPointcut(RequiresClaims.class, true));
        AuthorizationManager<MethodInvocation> manager = new ClaimAuthorizationManager();
        AuthorizationManagerBeforeMethodInterceptor interceptor =
                new AuthorizationManagerBeforeMethodInterceptor(pointcut, manager);
        interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder());
        return interceptor;
    }
}
