package dev.paddock.common.problem;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Provides the {@link ProblemDetailEnricher} every service's exception handler and security chain use. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailEnricher problemDetailEnricher(Environment environment, ObjectProvider<Tracer> tracer) {
        return new ProblemDetailEnricher(environment.getProperty("spring.application.name", "paddock"), tracer);
    }
}
