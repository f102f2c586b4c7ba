package dev.paddock.orchestrator.config;

import dev.paddock.common.security.PaddockHttpSecurity;
import dev.paddock.common.security.PasswordHasher;
import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.orchestrator.OrchestratorProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

    /** The orchestrator's public endpoints beyond those every service has: login, token validation, JWKS. */
    static final List<String> PUBLIC_PATHS = List.of(
            "/api/v1/auth/token",
            "/api/v1/auth/token/validate",
            "/api/v1/auth/jwks",
            "/.well-known/jwks.json",
            "/api/v1/orchestrator/enrollment-token/*/validate");

    /**
     * POST endpoints that authenticate their caller themselves: enrollment (an enrollment token, or an operator's
     * token checked in the controller) and what agents push (each host's own secret).
     */
    static final List<String> SELF_AUTHENTICATED_POSTS =
            List.of(FleetApi.HOSTS, FleetApi.HOSTS + "/*/heartbeat", FleetApi.HOSTS + "/*/events");

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordHasher passwordHasher(OrchestratorProperties properties) {
        return new PasswordHasher(properties.identity().passwordHashStrength());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, PaddockHttpSecurity security) throws Exception {
        return security.build(http, PUBLIC_PATHS, SELF_AUTHENTICATED_POSTS);
    }
}
