package dev.paddock.common.security;

import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes authentication (401) and authorization (403) failures that happen in the security filter chain, before any
 * controller advice can, as the same enriched problem details every other error gets.
 */
public final class ProblemResponses {

    private final ProblemDetailEnricher enricher;
    private final JsonMapper json;

    public ProblemResponses(ProblemDetailEnricher enricher, JsonMapper json) {
        this.enricher = enricher;
        this.json = json;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, ex) -> write(response, unauthorized(ex));
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, ex) -> write(response, forbidden(ex));
    }

    /**
     * Requests the security firewall refuses (encoded slashes, {@code ..} or {@code %2e} segments, control characters in
     * the path...), answered with the firewall's reason.
     */
    public RequestRejectedHandler requestRejectedHandler() {
        return (request, response, ex) -> write(
                response,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "request-rejected",
                        "Request rejected",
                        ex.getMessage()
                                + ". Paths may not hold encoded slashes (%2F) or backslashes (%5C), '.' or '..' "
                                + "segments (also as %2E), NUL or other control characters; send such a value in the "
                                + "body or a query parameter instead."));
    }

    private static ProblemDetail unauthorized(AuthenticationException ex) {
        String detail = ex instanceof org.springframework.security.authentication.InsufficientAuthenticationException
                ? "Authentication is required: send 'Authorization: Bearer <token>' (from POST /api/v1/auth/token) or "
                        + "'X-Api-Key: base64(KEY:SECRET)'."
                : "Authentication failed: " + ex.getMessage();
        return Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
    }

    private static ProblemDetail forbidden(AccessDeniedException ex) {
        String detail = ex.getMessage() != null && !"Access Denied".equals(ex.getMessage())
                ? ex.getMessage()
                : "You are authenticated but lack the claim or role this operation requires.";
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        enricher.enrich(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem);
    }
}
