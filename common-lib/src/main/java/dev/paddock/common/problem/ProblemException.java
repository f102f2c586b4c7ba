package dev.paddock.common.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Base of the domain exceptions that become a 4xx (or a deliberate 5xx) {@link ProblemDetail}. Subclasses are named
 * for what happened ({@code ManifestNotFound}, {@code HostOverCommitted}) and are built through static factories. The
 * message is shown to the client as {@code detail}, so it must say what was wrong and, where it helps, what to do next.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param status HTTP status of the response
     * @param type short slug of the problem type, e.g. {@code vm-not-found}; becomes the {@code type} URI
     * @param title short, human-readable summary that does not change from occurrence to occurrence
     * @param detail what went wrong in this occurrence
     */
    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ProblemException(HttpStatus status, String type, String title, String detail, @Nullable Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** Adds an extension member to the problem (snake_case name). */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = Problems.of(status, type, title, getMessage());
        properties.forEach(problem::setProperty);
        return problem;
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, "Bad request", detail);
    }

    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, "Not found", detail);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, type, "Conflict", detail);
    }

    public static ProblemException forbidden(String type, String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, type, "Forbidden", detail);
    }
}
