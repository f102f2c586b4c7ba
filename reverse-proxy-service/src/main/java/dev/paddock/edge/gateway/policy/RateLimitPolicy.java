package dev.paddock.edge.gateway.policy;

import dev.paddock.edge.vm.RouteFailure;

/** Refuses clients that send more requests than the edge allows (429; the answer asks to retry after a second). */
final class RateLimitPolicy implements RoutePolicy {

    private final RateLimiter limiter;

    RateLimitPolicy(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Verdict apply(PolicyRequest request) {
        if (limiter.tryAcquire(request.clientAddress())) {
            return Verdict.PASS;
        }
        return new Verdict.Refuse(new RouteFailure(
                429,
                "rate-limited",
                "Too many requests",
                "This client sent more requests than the edge allows per second; slow down and retry."));
    }
}
