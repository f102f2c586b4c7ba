package dev.paddock.common.stack;

import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A minimal service built only from common-lib, to test what every Paddock service inherits. */
@SpringBootApplication
class StackTestApplication {

    record CreateThing(@NotBlank String displayName, @Min(1) int cpuCount) {}

    @RestController
    static class Things {

        @GetMapping("/api/v1/things")
        @RequiresClaims("LIST_VM")
        Map<String, String> list() {
            return Map.of("caller", CurrentCaller.require().username());
        }

        @PostMapping("/api/v1/things")
        @RequiresClaims("CREATE_VM")
        Map<String, Object> create(@Valid @RequestBody CreateThing thing) {
            return Map.of("display_name", thing.displayName(), "cpu_count", thing.cpuCount());
        }

        @GetMapping("/api/v1/things/missing")
        Map<String, String> missing() {
            throw ProblemException.notFound("thing-not-found", "No thing 'x'.");
        }

        @GetMapping("/api/v1/things/broken")
        Map<String, String> broken() {
            throw new IllegalStateException("database password is hunter2");
        }
    }

    @RestControllerAdvice
    static class Errors extends BaseExceptionHandler {
        Errors(ProblemDetailEnricher enricher) {
            super(enricher);
        }
    }
}
