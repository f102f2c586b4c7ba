package dev.paddock.common.web;

import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.DatabaseOutage;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}): what ends there — a request the security firewall rejected
 * (encoded slashes, {@code ..}, {@code %00} in a path), an error sent from a filter, an exception no controller advice
 * saw — answers a problem like every other error, instead of Spring Boot's {@code {timestamp,status,error,path}}.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

    private final ProblemDetailEnricher enricher;

    ErrorPageController(ProblemDetailEnricher enricher) {
        this.enricher = enricher;
    }

    @RequestMapping(
            path = "${server.error.path:${error.path:/error}}",
            produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
            // Asked for directly, not forwarded by the container: no error to report.
            ProblemDetail none = Problems.of(
                    HttpStatus.NOT_FOUND,
                    BaseExceptionHandler.NO_SUCH_OPERATION,
                    "No such operation",
                    "No operation answers " + request.getRequestURI() + ".");
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(enricher.enrich(none));
        }
        HttpStatus status = statusOf(request);
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (DatabaseOutage.causes(failure)) {
            // A filter (a token or API key looked up) found the database gone.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .headers(DatabaseOutage.headers())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(enricher.enrich(DatabaseOutage.problem()));
        }
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = Problems.of(
                status, slugOf(status, failure), status.getReasonPhrase(), detail(status, failure, request));
        problem.setInstance(Problems.instance(path));
        if (status.is5xxServerError()) {
            log.error("{} for {} reached the error page", status.value(), path, failure);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(enricher.enrich(problem));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String slugOf(HttpStatus status, @Nullable Throwable failure) {
        if (failure instanceof RequestRejectedException) {
            return "request-rejected";
        }
        return status.is5xxServerError() ? "internal-error" : "bad-request";
    }

    private static String detail(HttpStatus status, @Nullable Throwable failure, HttpServletRequest request) {
        if (failure instanceof RequestRejectedException rejected) {
            return rejected.getMessage() + ". Paths may not hold encoded slashes (%2F), backslashes, NUL (%00), '.' or "
                    + "'..' segments or other encoded control characters; encode the value differently or send it in "
                    + "the body.";
        }
        if (status.is5xxServerError()) {
            return "An unexpected error occurred. It has been logged; quote the trace_id when you report it.";
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return message instanceof String text && !text.isBlank()
                ? text
                : "The request was refused (" + status.value() + " " + status.getReasonPhrase() + ").";
    }
}
