package dev.paddock.catalog.config;

import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
class CatalogExceptionHandler extends BaseExceptionHandler {

    CatalogExceptionHandler(ProblemDetailEnricher enricher) {
        super(enricher);
    }
}
