package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRulesTests {

    private final HeaderRules rules = new HeaderRules(
            Map.of("X-Tenant", "blue", "Host", "app.internal"),
            Map.of("Cache-Control", "no-store", "X-Frame-Options", "DENY"));

    @Test
    void setsTheRouteRequestHeadersOnTheForwardedRequestReplacingTheClients() {
        PolicyRequest request = get("/", "X-Tenant", "red", "Host", "app.example.com", "Accept", "*/*");

        assertThat(rules.apply(request)).isSameAs(Verdict.PASS);

        HttpHeaders forwarded = request.request().headers();
        assertThat(forwarded.getAll("X-Tenant")).containsExactly("blue");
        assertThat(forwarded.get("Host")).isEqualTo("app.internal");
        assertThat(forwarded.get("Accept")).isEqualTo("*/*");
    }

    @Test
    void setsTheRouteResponseHeadersReplacingTheUpstreams() {
        HttpHeaders response =
                new DefaultHttpHeaders().add("Cache-Control", "max-age=60").add("ETag", "\"1\"");

        rules.onResponse(get("/"), response);

        assertThat(response.getAll("Cache-Control")).containsExactly("no-store");
        assertThat(response.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.get("ETag")).isEqualTo("\"1\"");
    }
}
