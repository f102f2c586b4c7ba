package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.from;
import static dev.paddock.edge.gateway.policy.Requests.get;
import static dev.paddock.edge.gateway.policy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.routes.ProxyHost.Cors;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CorsPolicyTests {

    private final CorsPolicy onlyApp = new CorsPolicy(new Cors(
            true, List.of("https://app.example.com"), List.of("GET", "PUT"), List.of("X-Trace", "Content-Type")));

    @ParameterizedTest(name = "allowed {0}, origin {1} -> {2}")
    @CsvSource({
        "'',                         https://any.example.com,  204",
        "*,                          https://any.example.com,  204",
        "https://app.example.com,    https://app.example.com,  204",
        "https://app.example.com,    https://evil.example.com, 403",
        "http://localhost:*,         http://localhost:5173,    204",
        "http://localhost:*,         http://localhost,         403",
        "http://localhost:*,         http://localhost:80.evil.example, 403",
        "http://localhost:*,         http://localhost.evil.example:80, 403",
    })
    void answersPreflightsForAllowedOriginsAndRefusesOthers(String allowed, String origin, int status) {
        CorsPolicy cors = new CorsPolicy(new Cors(true, allowed.isEmpty() ? List.of() : List.of(allowed), null, null));

        Verdict verdict = cors.apply(preflight(origin));

        int answered = switch (verdict) {
            case Verdict.Respond respond -> respond.response().status().code();
            case Verdict.Refuse refuse -> refuse.failure().status();
            case Verdict.Pass pass -> 0;
        };
        assertThat(answered).isEqualTo(status);
    }

    @Test
    void preflightNamesTheOriginTheMethodsAndTheHeaders() {
        Verdict verdict = onlyApp.apply(preflight("https://app.example.com"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Respond.class, respond -> {
            HttpHeaders headers = respond.response().headers();
            assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example.com");
            assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))
                    .isEqualTo("GET, PUT");
            assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS))
                    .isEqualTo("X-Trace, Content-Type");
            assertThat(headers.get(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE)).isEqualTo("600");
            assertThat(headers.get(HttpHeaderNames.VARY)).isEqualTo("origin");
            assertThat(headers.getInt(HttpHeaderNames.CONTENT_LENGTH)).isZero();
        });
    }

    @Test
    void preflightOffersTheCommonMethodsWhenNoneAreConfigured() {
        CorsPolicy cors = new CorsPolicy(new Cors(true, List.of(), List.of(), List.of()));

        Verdict verdict = cors.apply(preflight("https://any.example.com"));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Respond.class, respond -> {
            assertThat(respond.response().headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS))
                    .isEqualTo("GET, POST, PUT, PATCH, DELETE, OPTIONS");
            assertThat(respond.response().headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS))
                    .isFalse();
        });
    }

    @Test
    void letsSimpleRequestsThroughAndNamesAnAllowedOriginInTheResponse() {
        PolicyRequest request = get("/", "Origin", "https://app.example.com");
        HttpHeaders response = new DefaultHttpHeaders().add(HttpHeaderNames.VARY, "Accept-Encoding");

        assertThat(onlyApp.apply(request)).isSameAs(Verdict.PASS);
        onlyApp.onResponse(request, response);

        assertThat(response.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example.com");
        assertThat(response.getAll(HttpHeaderNames.VARY)).containsExactly("Accept-Encoding", "origin");
    }

    @Test
    void letsRequestsFromOtherOriginsThroughWithoutNamingThem() {
        PolicyRequest request = get("/", "Origin", "https://evil.example.com");
        HttpHeaders response = new DefaultHttpHeaders();

        assertThat(onlyApp.apply(request)).isSameAs(Verdict.PASS);
        onlyApp.onResponse(request, response);

        assertThat(response.isEmpty()).isTrue();
    }

    @Test
    void treatsAnOptionsRequestWithoutARequestedMethodAsASimpleRequest() {
        PolicyRequest request = from("10.0.0.1", request(HttpMethod.OPTIONS, "/", "Origin", "https://app.example.com"));

        assertThat(onlyApp.apply(request)).isSameAs(Verdict.PASS);
    }

    @Test
    void leavesRequestsWithoutAnOriginAlone() {
        PolicyRequest request = get("/");
        HttpHeaders response = new DefaultHttpHeaders();

        assertThat(onlyApp.apply(request)).isSameAs(Verdict.PASS);
        onlyApp.onResponse(request, response);

        assertThat(response.isEmpty()).isTrue();
    }

    private static PolicyRequest preflight(String origin) {
        return from(
                "10.0.0.1",
                request(HttpMethod.OPTIONS, "/api", "Origin", origin, "Access-Control-Request-Method", "PUT"));
    }
}
