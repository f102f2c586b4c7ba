package dev.paddock.common.logs;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Keeps this service's recent log lines and serves them ({@code /api/v1/logs}) to super users. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
@Import(LogsController.class)
public class LogsAutoConfiguration {

    @Bean(destroyMethod = "detach")
    RecentLogs paddockRecentLogs() {
        return new RecentLogs(500).attach();
    }
}
