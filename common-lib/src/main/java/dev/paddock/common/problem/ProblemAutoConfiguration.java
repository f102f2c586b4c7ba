package dev.paddock.common.problem;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Provides the {@link ProblemDetailEnricher} every service's exception handler and security chain use, and puts
 * Tomcat's own error answers into the same contract ({@link ContainerErrorReportValve}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailEnricher problemDetailEnricher(Environment environment, ObjectProvider<Tracer> tracer) {
        return new ProblemDetailEnricher(environment.getProperty("spring.application.name", "paddock"), tracer);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class ContainerErrorsConfiguration {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> paddockContainerErrors(
                ProblemDetailEnricher enricher, JsonMapper json) {
            return ContainerErrorReportValve.customizer(enricher, json);
        }
    }
}
