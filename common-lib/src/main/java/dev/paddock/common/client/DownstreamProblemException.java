package dev.paddock.common.client;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.problem.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Another service answered with an error. Client errors (4xx) pass through with their status and detail, since they are
 * the caller's to fix; server errors and unreachable services become 502/504 naming the service, since they are not.
 */
public final class DownstreamProblemException extends ProblemException {

    private final String service;
    private final HttpStatusCode downstreamStatus;
    private final @Nullable String type;

    public DownstreamProblemException(
            String service, HttpStatusCode downstreamStatus, @Nullable String type, String detail) {
        super(statusFor(downstreamStatus), "downstream-failed", service + " failed", detail);
        this.service = service;
        this.downstreamStatus = downstreamStatus;
        this.type = type;
    }

    /** The service could not be reached at all (connection refused, timeout). */
    public static DownstreamProblemException unreachable(String service, String reason) {
        return new DownstreamProblemException(
                service, HttpStatus.GATEWAY_TIMEOUT, null, service + " could not be reached: " + reason);
    }

    public String service() {
        return service;
    }

    public HttpStatusCode downstreamStatus() {
        return downstreamStatus;
    }

    private static HttpStatus statusFor(HttpStatusCode downstream) {
        if (downstream.is4xxClientError()) {
            HttpStatus resolved = HttpStatus.resolve(downstream.value());
            return resolved == null ? HttpStatus.BAD_REQUEST : resolved;
        }
        return downstream.value() == HttpStatus.GATEWAY_TIMEOUT.value()
                ? HttpStatus.GATEWAY_TIMEOUT
                : HttpStatus.BAD_GATEWAY;
    }

    @Override
    public ProblemDetail toProblemDetail() {
        if (downstreamStatus.is4xxClientError()) {
            String slug = type != null && type.startsWith(Problems.TYPE_BASE)
                    ? type.substring(Problems.TYPE_BASE.length())
                    : "downstream-rejected";
            ProblemDetail problem = Problems.of(downstreamStatus, slug, "Rejected by " + service, getMessage());
            problem.setProperty("upstream_service", service);
            return problem;
        }
        HttpStatus status = downstreamStatus.value() == HttpStatus.GATEWAY_TIMEOUT.value()
                ? HttpStatus.GATEWAY_TIMEOUT
                : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = Problems.of(status, "downstream-failed", service + " failed", getMessage());
        problem.setProperty("upstream_service", service);
        problem.setProperty("upstream_status", downstreamStatus.value());
        return problem;
    }
}
