package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpsRedirectTests {

    @ParameterizedTest(name = "{0} {1} on port {2} -> {3}")
    @CsvSource({
        "edge.example.com,       /api/v1/x?y=1,  443,   https://edge.example.com/api/v1/x?y=1",
        "Edge.Example.com:8080,  /,              8443,  https://edge.example.com:8443/",
        "'',                     /a,             443,   https:///a",
    })
    void redirectsPermanentlyToTheSameUrlOnHttps(String host, String uri, int port, String location) {
        Verdict verdict = new HttpsRedirect(port).apply(get(uri, "Host", host));

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Respond.class, respond -> {
            assertThat(respond.response().status().code()).isEqualTo(308);
            assertThat(respond.response().headers().get(HttpHeaderNames.LOCATION))
                    .isEqualTo(location);
            assertThat(respond.response().headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isZero();
        });
    }
}
