package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.from;
import static dev.paddock.edge.gateway.policy.Requests.get;
import static dev.paddock.edge.gateway.policy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.access.TestRouteAccess;
import dev.paddock.edge.routes.ProxyHost;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.routes.ProxyHost.Cors;
import dev.paddock.edge.routes.ProxyHost.HttpRoute;
import dev.paddock.edge.routes.ProxyHost.Tls;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.RouteSnapshot.ServedHost;
import dev.paddock.edge.routes.TestSnapshots;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutePoliciesTests {

    private final RoutePolicies policies =
            new RoutePolicies(TestRouteAccess.create(), "LIST_VM", new Cors(false, List.of(), List.of(), List.of()));

    private final HttpRoute headersRoute = new HttpRoute(
            "r",
            0,
            null,
            null,
            "http",
            "127.0.0.1",
            9000,
            null,
            Map.of("Authorization", "Basic Z3Vlc3Q="),
            Map.of("Access-Control-Allow-Origin", "https://from-the-rule"));
    private final ProxyHost guarded = new ProxyHost(
            "h",
            "guarded",
            "guarded.example.com",
            0,
            new Tls(false),
            new Cors(true, List.of("*"), List.of(), List.of()),
            new Access(Access.AUTHENTICATED, List.of("LIST_VM")),
            List.of(headersRoute),
            null);
    private final RouteSnapshot snapshot = TestSnapshots.of(guarded);
    private final ServedHost served = snapshot.hosts().getFirst();

    @Test
    void chainsCorsThenAccessThenHeaderRules() {
        PolicyChain chain = policies.chainOf(snapshot, served, served.routes().getFirst());

        assertThat(chain.policies())
                .extracting(policy -> policy.getClass().getSimpleName())
                .containsExactly("CorsPolicy", "AccessPolicy", "HeaderRules");
    }

    @Test
    void buildsTheChainsOncePerConfiguration() {
        PolicyChain first = policies.chainOf(snapshot, served, served.routes().getFirst());

        assertThat(policies.chainOf(snapshot, served, served.routes().getFirst()))
                .isSameAs(first);

        RouteSnapshot next = TestSnapshots.of(guarded);
        ServedHost nextHost = next.hosts().getFirst();
        assertThat(policies.chainOf(next, nextHost, nextHost.routes().getFirst()))
                .isNotSameAs(first);
    }

    @Test
    void givesAPublicRouteWithoutRulesNoPolicies() {
        RouteSnapshot plain = TestSnapshots.of(
                TestSnapshots.host("plain", "plain.example.com", 0, TestSnapshots.route("r", null, null)));
        ServedHost host = plain.hosts().getFirst();

        assertThat(policies.chainOf(plain, host, host.routes().getFirst())).isSameAs(PolicyChain.NONE);
        assertThat(policies.chainOf(plain, host, null)).isSameAs(PolicyChain.NONE);
    }

    @Test
    void answersAPreflightBeforeAskingForCredentials() {
        PolicyRequest preflight = from(
                "10.0.0.1",
                request(HttpMethod.OPTIONS, "/", "Origin", "https://app", "Access-Control-Request-Method", "GET"));

        Verdict verdict =
                policies.chainOf(snapshot, served, served.routes().getFirst()).apply(preflight);

        assertThat(verdict).isInstanceOf(Verdict.Respond.class);
        assertThat(preflight.accessCheck()).isNull();
    }

    @Test
    void stripsCredentialsBeforeTheRouteSetsItsOwnHeaders() {
        PolicyRequest request = get("/", "Authorization", "Bearer alice:LIST_VM");

        assertThat(policies.chainOf(snapshot, served, served.routes().getFirst())
                        .apply(request))
                .isSameAs(Verdict.PASS);

        assertThat(request.request().headers().get("Authorization")).isEqualTo("Basic Z3Vlc3Q=");
        assertThat(request.accessCheck()).isNotNull();
    }

    @Test
    void letsCorsHaveTheLastWordOnTheResponse() {
        PolicyChain chain = policies.chainOf(snapshot, served, served.routes().getFirst());
        PolicyRequest request = get("/", "Origin", "https://app", "Authorization", "Bearer alice:LIST_VM");
        HttpHeaders response = new DefaultHttpHeaders();

        chain.apply(request);
        chain.onResponse(request, response);

        assertThat(response.get("Access-Control-Allow-Origin")).isEqualTo("https://app");
    }

    @ParameterizedTest(name = "rate limit {0}, redirect {1} -> {2}")
    @CsvSource({
        "false, false, ''",
        "true,  false, RateLimitPolicy",
        "false, true,  HttpsRedirect",
        "true,  true,  RateLimitPolicy HttpsRedirect",
    })
    void buildsTheEntryChainFromTheListenersSettings(boolean limited, boolean redirects, String expected) {
        PolicyChain entry = RoutePolicies.entry(limited ? new RateLimiter(10, 10) : null, redirects ? 8443 : null);

        assertThat(String.join(
                        " ",
                        entry.policies().stream()
                                .map(policy -> policy.getClass().getSimpleName())
                                .toList()))
                .isEqualTo(expected);
    }

    @Test
    void theApiAnswersBrowsersOnlyFromTheOriginsTheDeploymentAllows() {
        RoutePolicies open = new RoutePolicies(
                TestRouteAccess.create(),
                "LIST_VM",
                new Cors(true, List.of("http://ui.example.com"), List.of("GET", "POST"), List.of("authorization")));
        PolicyRequest preflight = from(
                "10.0.0.1",
                request(
                        HttpMethod.OPTIONS,
                        "/api/v1/auth/token",
                        "Origin",
                        "http://ui.example.com",
                        "Access-Control-Request-Method",
                        "POST"));
        PolicyRequest stranger = from(
                "10.0.0.1",
                request(
                        HttpMethod.OPTIONS,
                        "/api/v1/auth/token",
                        "Origin",
                        "http://evil.example.com",
                        "Access-Control-Request-Method",
                        "POST"));

        assertThat(open.api().apply(preflight))
                .isInstanceOfSatisfying(
                        Verdict.Respond.class,
                        respond -> assertThat(
                                        respond.response().headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS))
                                .isEqualTo("authorization"));
        assertThat(open.api().apply(stranger)).isInstanceOf(Verdict.Refuse.class);
        // By default no other origin is answered: the chain is empty and requests pass to the services untouched.
        assertThat(policies.api()).isSameAs(PolicyChain.NONE);
    }
}
