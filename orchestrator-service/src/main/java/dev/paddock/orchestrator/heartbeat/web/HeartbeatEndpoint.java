package dev.paddock.orchestrator.heartbeat.web;

import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.problem.Problems;
import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.contracts.fleet.HeartbeatAcknowledgement;
import dev.paddock.contracts.fleet.HostHeartbeat;
import dev.paddock.orchestrator.heartbeat.Heartbeats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/orchestrator/hosts/{id}/heartbeat}, served before the security chain and MVC. It is the fleet's
 * hottest request — a thousand hosts every few seconds — and needs neither: the agent proves itself with its host
 * secret ({@code X-Paddock-Host-Secret}), checked in the same SQL statement that records the heartbeat. Measured on the
 * orchestrator benchmark, the generic stack cost several times the heartbeat's own work (docs/benchmarks.md).
 */
final class HeartbeatEndpoint extends OncePerRequestFilter {

    private static final Pattern PATH = Pattern.compile("^" + FleetApi.HOSTS + "/([0-9a-fA-F-]{36})/heartbeat$");
    private static final int MAX_BODY = 64 * 1024;

    private final Heartbeats heartbeats;
    private final JsonMapper json;
    private final ProblemDetailEnricher problems;
    private final Timer timer;

    HeartbeatEndpoint(Heartbeats heartbeats, JsonMapper json, ProblemDetailEnricher problems, MeterRegistry meters) {
        this.heartbeats = heartbeats;
        this.json = json;
        this.problems = problems;
        this.timer = Timer.builder("paddock.heartbeats")
                .description("Agent heartbeats taken (served outside MVC, so not in http.server.requests)")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().endsWith("/heartbeat");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Matcher path = PATH.matcher(request.getRequestURI());
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        long started = System.nanoTime();
        try {
            if (request.getContentLengthLong() > MAX_BODY) {
                throw ProblemException.badRequest("heartbeat-too-large", "A heartbeat is at most 64 KiB.");
            }
            HostHeartbeat beat = json.readValue(request.getInputStream().readNBytes(MAX_BODY + 1), HostHeartbeat.class);
            HeartbeatAcknowledgement answer =
                    heartbeats.heartbeat(UUID.fromString(path.group(1)), request.getHeader(FleetApi.HOST_SECRET), beat);
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), answer);
        } catch (ProblemException e) {
            write(response, e.toProblemDetail());
        } catch (JacksonException e) {
            write(
                    response,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "invalid-heartbeat",
                            "Bad request",
                            "The heartbeat is not valid JSON of the expected shape: " + e.getOriginalMessage()));
        } finally {
            timer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        problems.enrich(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<HeartbeatEndpoint> heartbeatEndpoint(
                Heartbeats heartbeats, JsonMapper json, ProblemDetailEnricher problems, MeterRegistry meters) {
            FilterRegistrationBean<HeartbeatEndpoint> registration =
                    new FilterRegistrationBean<>(new HeartbeatEndpoint(heartbeats, json, problems, meters));
            registration.addUrlPatterns(FleetApi.HOSTS + "/*");
            // Right after the request-id filter: before tracing, security and MVC.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }
}
