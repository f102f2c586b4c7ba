package dev.paddock.common.web;

import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query string holding a NUL character ({@code %00}, its only encoding) before any parameter reaches a
 * query: PostgreSQL text cannot hold one, so it would fail there as a server error. The body's JSON strings are
 * refused the same way by the JSON reader, and Tomcat refuses NUL in paths itself.
 */
final class NulInQueryFilter extends OncePerRequestFilter {

    private final ProblemDetailEnricher enricher;
    private final JsonMapper json;

    NulInQueryFilter(ProblemDetailEnricher enricher, JsonMapper json) {
        this.enricher = enricher;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || !query.contains("%00")) {
            chain.doFilter(request, response);
            return;
        }
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST,
                "malformed-query",
                "Malformed query string",
                "The query string holds a NUL character (%00), which no parameter can take; remove it.");
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), enricher.enrich(problem));
    }
}
