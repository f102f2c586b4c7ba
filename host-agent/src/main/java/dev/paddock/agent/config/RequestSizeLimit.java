package dev.paddock.agent.config;

import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host API takes small JSON bodies; anything above 1 MiB is refused before it is read (413 problem), so a client
 * cannot make the agent buffer arbitrary amounts of memory.
 */
@Configuration(proxyBeanMethods = false)
class RequestSizeLimit {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> requestSizeLimitFilter(
            ProblemDetailEnricher enricher, JsonMapper json) {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                long length = request.getContentLengthLong();
                boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
                if (length > MAX_BODY_BYTES
                        || (chunked && request.getRequestURI().startsWith("/api/v1/machines"))) {
                    ProblemDetail problem = enricher.enrich(Problems.of(
                            HttpStatus.PAYLOAD_TOO_LARGE,
                            "payload-too-large",
                            "Request body too large",
                            "Request bodies of the host API are limited to " + MAX_BODY_BYTES
                                    + " bytes with a Content-Length."));
                    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    json.writeValue(response.getOutputStream(), problem);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
