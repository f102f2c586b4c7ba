package dev.paddock.edge.gateway.policy;

import static dev.paddock.edge.gateway.policy.Requests.from;
import static dev.paddock.edge.gateway.policy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RateLimitPolicyTests {

    private final RateLimitPolicy limit = new RateLimitPolicy(new RateLimiter(1, 2));

    @Test
    void refusesAClientPastItsBurstWithTooManyRequests() {
        assertThat(limit.apply(from("10.0.0.1", request(HttpMethod.GET, "/")))).isSameAs(Verdict.PASS);
        assertThat(limit.apply(from("10.0.0.1", request(HttpMethod.GET, "/")))).isSameAs(Verdict.PASS);

        Verdict third = limit.apply(from("10.0.0.1", request(HttpMethod.GET, "/")));

        assertThat(third).isInstanceOfSatisfying(Verdict.Refuse.class, refuse -> {
            assertThat(refuse.failure().status()).isEqualTo(429);
            assertThat(refuse.failure().type()).isEqualTo("rate-limited");
        });
        assertThat(limit.apply(from("10.0.0.2", request(HttpMethod.GET, "/"))))
                .as("another client has its own bucket")
                .isSameAs(Verdict.PASS);
    }
}
