package dev.paddock.common.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The security every Paddock service applies: stateless, bearer JWTs from the orchestrator or API keys, problem-detail
 * 401/403, a small set of public paths. Services with a special need customise the request rules; everything else stays
 * the same everywhere.
 */
public final class PaddockHttpSecurity {

    /** Paths every service serves without authentication. */
    public static final List<String> ALWAYS_PUBLIC = List.of(
            "/api/health/probe",
            "/api/v1/health/probe",
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/info",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/error");

    private final PaddockSecurityProperties properties;
    private final JwtDecoder jwtDecoder;
    private final ApiKeyAuthenticator apiKeys;
    private final ProblemResponses problems;

    public PaddockHttpSecurity(
            PaddockSecurityProperties properties,
            JwtDecoder jwtDecoder,
            ApiKeyAuthenticator apiKeys,
            ProblemResponses problems) {
        this.properties = properties;
        this.jwtDecoder = jwtDecoder;
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    /** The standard chain: public paths open, everything else authenticated, claims checked on the methods. */
    public SecurityFilterChain build(HttpSecurity http) throws Exception {
        return build(http, List.of());
    }

    /** The standard chain with extra public paths (for example the orchestrator's login and JWKS endpoints). */
    public SecurityFilterChain build(HttpSecurity http, List<String> extraPublicPaths) throws Exception {
        return build(http, extraPublicPaths, List.of());
    }

    /**
     * The standard chain with extra public paths, and paths public for POST only — endpoints that prove the caller
     * themselves (an enrollment token, a host's heartbeat secret) while the same path's other methods stay protected.
     */
    public SecurityFilterChain build(HttpSecurity http, List<String> extraPublicPaths, List<String> publicPostPaths)
            throws Exception {
        List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
        publicPaths.addAll(properties.publicPaths());
        publicPaths.addAll(extraPublicPaths);
        if (properties.publicMetrics()) {
            publicPaths.add("/actuator/prometheus");
        }
        applyCommon(http);
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
            requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
            if (!publicPostPaths.isEmpty()) {
                requests.requestMatchers(HttpMethod.POST, publicPostPaths.toArray(String[]::new))
                        .permitAll();
            }
            requests.anyRequest().authenticated();
        });
        return http.build();
    }

    /** Everything but the request rules, for services that write their own. */
    public HttpSecurity applyCommon(HttpSecurity http) throws Exception {
        // The header, or for a WebSocket upgrade also ?access_token= / ?authorization= (browsers cannot set headers).
        BearerTokens tokens = new BearerTokens();
        return http.csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler()))
                .oauth2ResourceServer(server -> server.bearerTokenResolver(tokens)
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDeniedHandler())
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(new JwtPrincipalConverter())))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, problems.entryPoint()),
                        BearerTokenAuthenticationFilter.class);
    }
}
