package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.access.TestRouteAccess;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.vm.RouteFailure;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTests {

    private final AccessPolicy needsListVm = new AccessPolicy(
            TestRouteAccess.create(), new Access(Access.AUTHENTICATED, List.of("LIST_VM")), "Route 'app'");

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
        "Authorization, Bearer alice:LIST_VM,          200",
        "Authorization, 'bearer alice:LIST,LIST_VM',    200",
        "Cookie,        paddock_token=alice:LIST_VM,    200",
        "Authorization, Bearer bob:LIST,                403",
        "Authorization, Bearer garbage,                 401",
        "X-Api-Key,     a2V5OnNlY3JldA==,               401",
        "Authorization, Basic YWxpY2U6eA==,             401",
        "Cookie,        session=1,                      401",
    })
    void allowsOnlyCallersHoldingTheRequiredClaims(String header, String value, int status) {
        PolicyRequest request = get("/", header, value);

        assertThat(needsListVm.apply(request)).isSameAs(Verdict.PASS);

        assertThat(outcomeOf(request.accessCheck())).isEqualTo(status);
    }

    @Test
    void namesTheRouteAndTheMissingClaimWhenItRefuses() {
        PolicyRequest request = get("/", "Authorization", "Bearer bob:LIST");

        needsListVm.apply(request);

        assertThat(failureOf(request.accessCheck()).detail())
                .isEqualTo("Route 'app' needs the claim LIST_VM, which bob does not hold.");
    }

    @Test
    void asksForCredentialsWhenThereAreNone() {
        PolicyRequest request = get("/");

        needsListVm.apply(request, "VM address web.vm.localhost");

        RouteFailure failure = failureOf(request.accessCheck());
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.detail()).startsWith("VM address web.vm.localhost needs a Paddock token");
    }

    @Test
    void takesTheCallersCredentialsOffTheRequestAndKeepsOtherCookies() {
        PolicyRequest request = get(
                "/",
                "Authorization",
                "Bearer alice:LIST_VM",
                "X-Api-Key",
                "pk_x.y",
                "Cookie",
                "theme=dark; paddock_token=alice:LIST_VM; lang=en",
                "X-Other",
                "kept");

        needsListVm.apply(request);

        HttpHeaders forwarded = request.request().headers();
        assertThat(forwarded.contains("Authorization")).isFalse();
        assertThat(forwarded.contains("X-Api-Key")).isFalse();
        assertThat(forwarded.get("Cookie")).isEqualTo("lang=en; theme=dark");
        assertThat(forwarded.get("X-Other")).isEqualTo("kept");
    }

    @Test
    void dropsTheCookieHeaderWhenOnlyTheTokenWasInIt() {
        PolicyRequest request = get("/", "Cookie", "paddock_token=alice:LIST_VM");

        needsListVm.apply(request);

        assertThat(request.request().headers().contains("Cookie")).isFalse();
    }

    private static int outcomeOf(CompletableFuture<Void> check) {
        try {
            check.get(5, TimeUnit.SECONDS);
            return 200;
        } catch (Exception e) {
            return ((RouteFailure) e.getCause()).status();
        }
    }

    private static RouteFailure failureOf(CompletableFuture<Void> check) {
        try {
            check.join();
            throw new AssertionError("the check passed");
        } catch (CompletionException e) {
            return (RouteFailure) e.getCause();
        }
    }
}
