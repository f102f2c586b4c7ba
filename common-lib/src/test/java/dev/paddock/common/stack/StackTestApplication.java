package dev.paddock.common.stack;

import dev.paddock.common.client.ServiceClient;
import dev.paddock.common.problem.BaseExceptionHandler;
import dev.paddock.common.problem.ProblemDetailEnricher;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClient;

/** A minimal service built only from common-lib, to test what every Paddock service inherits. */
@SpringBootApplication
class StackTestApplication {

    record CreateThing(@NotBlank String displayName, @Min(1) int cpuCount) {}

    @RestController
    static class Things {

        @GetMapping("/api/v1/things")
        @RequiresClaims("LIST_VM")
        Map<String, String> list() {
            return Map.of("caller", CurrentCaller.require().username());
        }

        @PostMapping("/api/v1/things")
        @RequiresClaims("CREATE_VM")
        Map<String, Object> create(@Valid @RequestBody CreateThing thing) {
            return Map.of("display_name", thing.displayName(), "cpu_count", thing.cpuCount());
        }

        @GetMapping("/api/v1/things/missing")
        Map<String, String> missing() {
            throw ProblemException.notFound("thing-not-found", "No thing 'x'.");
        }

        @GetMapping("/api/v1/things/broken")
        Map<String, String> broken() {
            throw new IllegalStateException("database password is hunter2");
        }
    }

    /** A typed client of "another service" (this same application), to test what calls carry. */
    static final class EchoClient extends ServiceClient {
        EchoClient(RestClient.Builder builder, String baseUrl) {
            super(builder, "echo service", URI.create(baseUrl), Duration.ofSeconds(5));
        }

        Map<String, String> headers() {
            return call(
                    () -> rest.get().uri("/api/v1/things/headers").retrieve().body(Map.class));
        }

        Map<String, String> missing() {
            return call(
                    () -> rest.get().uri("/api/v1/things/missing").retrieve().body(Map.class));
        }
    }

    @RestController
    static class Calls {

        private final RestClient.Builder builder;
        private final Environment environment;

        Calls(RestClient.Builder builder, Environment environment) {
            this.builder = builder;
            this.environment = environment;
        }

        private EchoClient client() {
            return new EchoClient(builder, "http://localhost:" + environment.getProperty("local.server.port"));
        }

        @GetMapping("/api/v1/things/headers")
        Map<String, String> headers(HttpServletRequest request) {
            Map<String, String> seen = new java.util.TreeMap<>();
            for (String name : List.of("Authorization", "X-Request-Id", "traceparent")) {
                String value = request.getHeader(name);
                seen.put(name.toLowerCase(java.util.Locale.ROOT), value == null ? "" : value);
            }
            return seen;
        }

        @GetMapping("/api/v1/things/relay")
        Map<String, String> relay() {
            return client().headers();
        }

        @GetMapping("/api/v1/things/relay-missing")
        Map<String, String> relayMissing() {
            return client().missing();
        }
    }

    @RestControllerAdvice
    static class Errors extends BaseExceptionHandler {
        Errors(ProblemDetailEnricher enricher) {
            super(enricher);
        }
    }
}
