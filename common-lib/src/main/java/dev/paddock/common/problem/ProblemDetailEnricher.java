package dev.paddock.common.problem;

import dev.paddock.common.web.RequestIds;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ProblemDetail;

/**
 * Adds the members every Paddock problem carries: {@code service}, {@code trace_id} and {@code request_id}, so an
 * operator can go from an error a user reports straight to the logs and the trace.
 */
public class ProblemDetailEnricher {

    private final String service;
    private final ObjectProvider<Tracer> tracer;

    public ProblemDetailEnricher(String service, ObjectProvider<Tracer> tracer) {
        this.service = service;
        this.tracer = tracer;
    }

    public ProblemDetail enrich(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(java.net.URI.create(Problems.TYPE_BASE + slugFor(problem.getStatus())));
        }
        problem.setProperty("service", service);
        String traceId = currentTraceId();
        if (traceId != null) {
            problem.setProperty("trace_id", traceId);
        }
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
        return problem;
    }

    public String service() {
        return service;
    }

    private @Nullable String currentTraceId() {
        Tracer current = tracer.getIfAvailable();
        if (current != null) {
            Span span = current.currentSpan();
            if (span != null) {
                return span.context().traceId();
            }
        }
        return MDC.get("traceId");
    }

    private static String slugFor(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 502 -> "bad-gateway";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }
}
