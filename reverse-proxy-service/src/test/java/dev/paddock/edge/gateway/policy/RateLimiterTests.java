package dev.paddock.edge.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTests {

    @Test
    void allowsABurstThenRefusesUntilTokensRefill() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(20, 5);

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("10.0.0.1"))
                    .as("request %d of the burst", i + 1)
                    .isTrue();
        }
        assertThat(limiter.tryAcquire("10.0.0.1")).as("past the burst").isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2"))
                .as("another client has its own bucket")
                .isTrue();

        Thread.sleep(120);
        assertThat(limiter.tryAcquire("10.0.0.1"))
                .as("20/s refills one token every 50 ms")
                .isTrue();
    }
}
