/**
 * Per-route policies — rate limits, HTTPS redirects, CORS, access by token and claim, header rules — as small
 * {@link dev.paddock.edge.gateway.policy.RoutePolicy} types chained once per route configuration.
 */
@NullMarked
package dev.paddock.edge.gateway.policy;

import org.jspecify.annotations.NullMarked;
