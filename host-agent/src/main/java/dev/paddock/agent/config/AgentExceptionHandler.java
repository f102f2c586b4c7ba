package dev.paddock.agent.config;

import dev.paddock.agent.hardware.HostHardware;
import dev.paddock.agent.parallels.PdOutput;
import dev.paddock.agent.parallels.PrlctlFailure;
import dev.paddock.agent.parallels.PrlctlTimeout;
import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
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

    private final ProblemDetailEnricher enricher;

    AgentExceptionHandler(ProblemDetailEnricher enricher) {
        super(enricher);
        this.enricher = enricher;
    }

    /** PD's refusal, mapped by what {@code PdRefusals} says it means; an unknown one is logged with its raw text. */
    @ExceptionHandler(PrlctlFailure.class)
    ResponseEntity<Object> handlePrlctl(PrlctlFailure failure) {
        String message = failure.getMessage();
        ProblemDetail problem = switch (failure.refusal()) {
            case NOT_FOUND -> Problems.of(HttpStatus.NOT_FOUND, "vm-not-found", "VM not found", message);
            case NAME_TAKEN -> Problems.of(HttpStatus.CONFLICT, "name-taken", "Name already in use", message);
            case STATE_CONFLICT ->
                Problems.of(
                        HttpStatus.CONFLICT, "vm-state-conflict", "Not possible in the VM's current state", message);
            case OTHER -> {
                log.warn(
                        "{} failed with exit code {}; stderr: {}",
                        failure.command().display(),
                        failure.exitCode(),
                        failure.stderr().strip());
                yield Problems.of(HttpStatus.BAD_GATEWAY, "parallels-failed", "Parallels Desktop failed", message);
            }
        };
        problem.setProperty("prlctl_exit_code", failure.exitCode());
        return ResponseEntity.status(problem.getStatus()).body(enricher.enrich(problem));
    }

    @ExceptionHandler(HostHardware.HardwareUnreadable.class)
    ResponseEntity<Object> handleHardware(HostHardware.HardwareUnreadable unreadable) {
        log.warn("{}", unreadable.getMessage());
        ProblemDetail problem = Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "hardware-unreadable",
                "Host hardware unknown",
                unreadable.getMessage());
        return ResponseEntity.status(problem.getStatus()).body(enricher.enrich(problem));
    }

    @ExceptionHandler(PdOutput.PdOutputUnreadable.class)
    ResponseEntity<Object> handleUnreadable(PdOutput.PdOutputUnreadable unreadable) {
        log.warn("{}", unreadable.getMessage());
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_GATEWAY,
                "parallels-output-unreadable",
                "Parallels Desktop's answer could not be read",
                unreadable.getMessage() + ". The Parallels Desktop version may be newer than this agent knows.");
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
