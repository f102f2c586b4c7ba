package dev.paddock.edge.config;

import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
class EdgeExceptionHandler extends BaseExceptionHandler {

    EdgeExceptionHandler(ProblemDetailEnricher enricher) {
        super(enricher);
    }
}
