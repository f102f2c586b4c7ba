package dev.paddock.common.problem;

import dev.paddock.common.json.JsonNames;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * The shared part of every service's {@code @RestControllerAdvice}: turns every failure into an RFC 9457
 * {@link ProblemDetail} enriched with {@code service}, {@code trace_id} and {@code request_id}. Validation problems list
 * the offending fields; unexpected failures answer 500 without echoing internal messages and are logged with their
 * stack trace under the same trace id.
 */
public abstract class BaseExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(BaseExceptionHandler.class);

    /** The problem type of a request whose path no operation answers. */
    public static final String NO_SUCH_OPERATION = "no-such-operation";

    private final ProblemDetailEnricher enricher;

    protected BaseExceptionHandler(ProblemDetailEnricher enricher) {
        this.enricher = enricher;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex) {
        // Problems are expected outcomes (a full fleet, an unreachable agent): one line each; the stack only on debug.
        if (ex.status() == HttpStatus.SERVICE_UNAVAILABLE || ex.status() == HttpStatus.NOT_IMPLEMENTED) {
            log.info("Request refused: {}", ex.getMessage());
        } else if (ex.status().is5xxServerError()) {
            log.warn("Request failed: {}", ex.getMessage());
        }
        log.debug("Problem answered", ex);
        return respond(ex.toProblemDetail());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = ex.getConstraintViolations().stream()
                .map(v -> Map.of(
                        "field",
                        JsonNames.snakeCase(leafName(v.getPropertyPath().toString())),
                        "message",
                        v.getMessage()))
                .sorted(Comparator.comparing(e -> e.get("field")))
                .toList();
        return respond(validationProblem(errors));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> handleAccessDenied(AccessDeniedException ex) {
        String detail = ex.getMessage() != null && !"Access Denied".equals(ex.getMessage())
                ? ex.getMessage()
                : "You are authenticated but lack the claim or role this operation requires.";
        return respond(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> handleAuthentication(AuthenticationException ex) {
        return respond(Problems.of(
                HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "Authentication failed: " + ex.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) {
        if (DatabaseOutage.causes(ex)) {
            log.warn("The database is unreachable: {}", ex.getMessage());
            ProblemDetail problem = enricher.enrich(DatabaseOutage.problem());
            return ResponseEntity.status(problem.getStatus())
                    .headers(DatabaseOutage.headers())
                    .body(problem);
        }
        log.error("Unexpected failure", ex);
        return respond(Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal server error",
                "An unexpected error occurred. It has been logged; quote the trace_id when you report it."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of(
                    "field", JsonNames.snakeCase(error.getField()), "message", messageOf(error.getDefaultMessage())));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(e ->
                        errors.add(Map.of("field", e.getObjectName(), "message", messageOf(e.getDefaultMessage()))));
        errors.sort(Comparator.comparing(e -> e.get("field")));
        return respond(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> errors.add(Map.of(
                            "field",
                            name == null ? "request" : name,
                            "message",
                            messageOf(error.getDefaultMessage()))));
        });
        return respond(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return respond(BodyTooLargeException.problem(tooLarge.limit(), -1));
            }
        }
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", describe(ex)));
    }

    /**
     * A path no operation answers: said in words a client can act on, and typed so that a client (or a test walking
     * the reference's operations) can tell "no such operation" from "no such VM".
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : "/" + ex.getResourcePath();
        return respond(Problems.of(
                HttpStatus.NOT_FOUND,
                NO_SUCH_OPERATION,
                "No such operation",
                "There is no operation " + ex.getHttpMethod() + " " + path
                        + ". The operations served are listed at /swagger-ui.html."));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return respond(Problems.of(
                HttpStatus.BAD_REQUEST,
                "invalid-parameter",
                "Invalid parameter",
                "'" + name + "' has an invalid value: " + ex.getValue()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            enricher.enrich(problem);
        }
        return response == null ? respond(Problems.of(statusCode, "error", "Error", null)) : response;
    }

    private ResponseEntity<Object> respond(ProblemDetail problem) {
        enricher.enrich(problem);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail validationProblem(List<Map<String, String>> errors) {
        String summary = errors.stream()
                .map(e -> e.get("field") + ": " + e.get("message"))
                .reduce((a, b) -> a + "; " + b)
                .orElse("request is invalid");
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "Invalid request: " + summary);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static String describe(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause instanceof JacksonException jackson) {
            String path = pathOf(jackson);
            if (jackson instanceof InvalidFormatException invalid
                    && invalid.getValue() instanceof String text
                    && text.indexOf('\0') >= 0) {
                return "The request body field '" + path + "' contains a NUL character (\\u0000), which text cannot "
                        + "hold; remove it.";
            }
            return path.isEmpty()
                    ? "The request body is not valid JSON."
                    : "The request body field '" + path + "' is missing, of the wrong type or has an invalid value.";
        }
        return "The request body is missing or unreadable.";
    }

    private static String pathOf(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String leafName(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath;
    }

    private static String messageOf(@Nullable String message) {
        return message == null ? "is invalid" : message;
    }
}
