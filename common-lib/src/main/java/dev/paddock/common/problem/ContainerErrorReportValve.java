package dev.paddock.common.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers — a request it refuses before any servlet sees it (an encoded slash, {@code %00} or an
 * invalid character in the path, a malformed request line) — as problems instead of its HTML page. It replaces the
 * host's error report valve, Spring Boot's included ({@link #customizer}). Not reached: a request line Tomcat's HTTP
 * parser refuses (a malformed percent-encoding such as {@code %ZZ}) is answered a bare 400 before any valve runs; the
 * edge answers those with a problem.
 */
public final class ContainerErrorReportValve extends ErrorReportValve {

    private final ProblemDetailEnricher enricher;
    private final JsonMapper json;

    ContainerErrorReportValve(ProblemDetailEnricher enricher, JsonMapper json) {
        this.enricher = enricher;
        this.json = json;
    }

    /** Puts the valve on the host in place of any other error report valve; ordered after Spring Boot's customizer. */
    static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> customizer(
            ProblemDetailEnricher enricher, JsonMapper json) {
        return new Customizer(enricher, json);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known != null ? known.getReasonPhrase() : "Error";
        String message = response.getMessage();
        ProblemDetail problem = Problems.of(
                HttpStatusCode.valueOf(status),
                status == 400 ? "request-rejected" : status >= 500 ? "internal-error" : "bad-request",
                reason,
                status >= 500
                        ? "The server could not handle the request."
                        : "The request was rejected before reaching Paddock"
                                + (message != null && !message.isBlank() ? " (" + message + ")" : "")
                                + ". Check the path for encoded slashes (%2F), NUL (%00), control or non-ASCII "
                                + "characters that are not percent-encoded, and the request line and headers for "
                                + "malformed syntax.");
        problem.setInstance(Problems.instance(request.getRequestURI()));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(enricher.enrich(problem)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body; the status alone stands
        }
    }

    private record Customizer(ProblemDetailEnricher enricher, JsonMapper json)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container parent = context.getParent();
                if (parent instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ContainerErrorReportValve(enricher, json));
                    // The host adds a valve of this class at start unless one is there: ours is.
                    host.setErrorReportValveClass(ContainerErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
