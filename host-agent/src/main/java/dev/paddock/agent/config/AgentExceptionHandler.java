package dev.paddock.agent.config;

import dev.paddock.agent.parallels.PrlctlFailure;
import dev.paddock.agent.parallels.PrlctlTimeout;
import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The agent's errors; Parallels' refusals keep PD's own message, mapped to the status that fits what it means. */
@RestControllerAdvice
class AgentExceptionHandler extends BaseExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(AgentExceptionHandler.class);

    /** Phrases of PD messages that mean "not in this state", i.e. the request conflicts with the VM's state. */
    private static final List<String> STATE_CONFLICTS = List.of(
            "already running",
            "not running",
            "is running",
            "must be stopped",
            "stop it first",
            "cannot be performed",
            "not suspended",
            "already registered",
            "already exists",
            "already in use");

    private final ProblemDetailEnricher enricher;

    AgentExceptionHandler(ProblemDetailEnricher enricher) {
        super(enricher);
        this.enricher = enricher;
    }

    @ExceptionHandler(PrlctlFailure.class)
    ResponseEntity<Object> handlePrlctl(PrlctlFailure failure) {
        String message = failure.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        ProblemDetail problem;
        if (failure.isNotFound()) {
            problem = Problems.of(HttpStatus.NOT_FOUND, "vm-not-found", "VM not found", message);
        } else if (STATE_CONFLICTS.stream().anyMatch(lower::contains)) {
            problem = Problems.of(
                    HttpStatus.CONFLICT, "vm-state-conflict", "Not possible in the VM's current state", message);
        } else {
            log.warn("prlctl {} failed with exit code {}: {}", failure.command(), failure.exitCode(), message);
            problem = Problems.of(HttpStatus.BAD_GATEWAY, "parallels-failed", "Parallels Desktop failed", message);
        }
        problem.setProperty("prlctl_exit_code", failure.exitCode());
        return ResponseEntity.status(problem.getStatus()).body(enricher.enrich(problem));
    }

    @ExceptionHandler(PrlctlTimeout.class)
    ResponseEntity<Object> handleTimeout(PrlctlTimeout timeout) {
        log.warn("{}", timeout.getMessage());
        ProblemDetail problem = Problems.of(
                HttpStatus.GATEWAY_TIMEOUT,
                "parallels-timeout",
                "Parallels Desktop did not answer in time",
                timeout.getMessage()
                        + ". The host may be overloaded; try again, and check Parallels Desktop on the host.");
        return ResponseEntity.status(problem.getStatus()).body(enricher.enrich(problem));
    }
}
