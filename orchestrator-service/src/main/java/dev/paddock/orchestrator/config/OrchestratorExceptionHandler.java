package dev.paddock.orchestrator.config;

import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
class OrchestratorExceptionHandler extends BaseExceptionHandler {

    OrchestratorExceptionHandler(ProblemDetailEnricher enricher) {
        super(enricher);
    }
}
