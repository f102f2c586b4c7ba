package dev.paddock.edge.gateway.policy;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * One rule a request meets on its way through the edge. Policies are built once per route configuration and shared by
 * every connection, so they hold only configuration; what one request needs is kept in its {@link PolicyRequest}.
 */
public interface RoutePolicy {

    /**
     * Lets the request through ({@link Verdict#PASS}) — possibly editing the request as forwarded, or noting what its
     * response needs — or answers it instead.
     */
    Verdict apply(PolicyRequest request);

    /** Adds to the upstream's response before it reaches the client; a chain calls this in reverse order. */
    default void onResponse(PolicyRequest request, HttpHeaders response) {}
}
