package dev.paddock.edge.gateway.policy;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Policies in the order a request meets them; the response meets them in reverse, so the first policy has the last
 * word on it. Built once per route configuration, then shared by every connection.
 */
public final class PolicyChain {

    /** No policies: every request passes untouched. */
    public static final PolicyChain NONE = new PolicyChain(List.of());

    private final RoutePolicy[] policies;

    public PolicyChain(List<? extends RoutePolicy> policies) {
        this.policies = policies.toArray(RoutePolicy[]::new);
    }

    /** The first answer a policy gives, or {@link Verdict#PASS} when every one lets the request through. */
    public Verdict apply(PolicyRequest request) {
        for (RoutePolicy policy : policies) {
            Verdict verdict = policy.apply(request);
            if (verdict != Verdict.PASS) {
                return verdict;
            }
        }
        return Verdict.PASS;
    }

    public void onResponse(PolicyRequest request, HttpHeaders response) {
        for (int i = policies.length - 1; i >= 0; i--) {
            policies[i].onResponse(request, response);
        }
    }

    List<RoutePolicy> policies() {
        return List.of(policies);
    }
}
