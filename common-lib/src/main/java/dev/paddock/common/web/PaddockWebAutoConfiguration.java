package dev.paddock.common.web;

import dev.paddock.common.event.RuntimeStatsSampler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import io.micrometer.observation.ObservationPredicate;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every Paddock service's HTTP surface has: request ids, the health probe, the error page as a problem, NUL
 * refused in query strings, JSON bodies capped, OpenAPI.
 */
// Before Spring Boot's error page configuration, whose own error controller steps back for ours.
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({HealthProbeController.class, ErrorPageController.class})
public class PaddockWebAutoConfiguration {

    /** Header carrying {@code base64(KEY:SECRET)} API keys; the scheme name used in the OpenAPI documents. */
    static final String API_KEY_SCHEME = "api_key";

    static final String BEARER_SCHEME = "bearer";

    /** This JVM's runtime figures for the reference's {@code stats} events and the agents' heartbeats. */
    @Bean
    @ConditionalOnMissingBean
    RuntimeStatsSampler runtimeStatsSampler() {
        return new RuntimeStatsSampler();
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> paddockRequestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Before security and tracing filters, so their log lines carry the id too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<NulInQueryFilter> paddockNulInQueryFilter(ProblemDetailEnricher enricher, JsonMapper json) {
        FilterRegistrationBean<NulInQueryFilter> registration =
                new FilterRegistrationBean<>(new NulInQueryFilter(enricher, json));
        // Right after the request id, before security: a refusal that needs no credentials to explain.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonBodyLimitFilter> paddockJsonBodyLimitFilter(
            Environment environment, ProblemDetailEnricher enricher, JsonMapper json) {
        DataSize limit = environment.getProperty("paddock.web.max-json-body", DataSize.class, DataSize.ofMegabytes(16));
        FilterRegistrationBean<JsonBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new JsonBodyLimitFilter(limit.toBytes(), enricher, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Spring Security observes each of its ~15 filters on every request (an observation, and with tracing a span, per
     * filter). On the fleet's hottest path — 100 agent heartbeats a second — that was most of the cost; the request's
     * own observation (and span) remains.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ObservationPredicate.class)
    static class ObservationConfiguration {

        @Bean
        ObservationPredicate paddockNoSecurityFilterObservations() {
            return (name, context) -> !name.startsWith("spring.security.");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenAPI.class)
    static class OpenApiConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OpenAPI paddockOpenApi(Environment environment) {
            String service = environment.getProperty("spring.application.name", "paddock");
            return new OpenAPI()
                    .info(new Info()
                            .title("Paddock " + service)
                            .version(environment.getProperty("paddock.version", "dev"))
                            .description("Speaks the Parallels DevOps /api/v1 API; see docs/compatibility.md."))
                    .components(new Components()
                            .addSecuritySchemes(
                                    BEARER_SCHEME,
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.HTTP)
                                            .scheme("bearer")
                                            .bearerFormat("JWT")
                                            .description("Token from POST /api/v1/auth/token"))
                            .addSecuritySchemes(
                                    API_KEY_SCHEME,
                                    new SecurityScheme()
                                            .type(SecurityScheme.Type.APIKEY)
                                            .in(SecurityScheme.In.HEADER)
                                            .name("X-Api-Key")
                                            .description("base64(KEY:SECRET) of an API key")))
                    .addSecurityItem(new SecurityRequirement().addList(BEARER_SCHEME))
                    .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
        }
    }
}
