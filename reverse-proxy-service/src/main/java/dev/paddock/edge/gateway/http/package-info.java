/**
 * The HTTP path of the front door: where each request goes, and the streaming relay that forwards it and its response
 * (forwarded headers, pooled upstreams and tunnels, WebSocket upgrades, the access log).
 */
@NullMarked
package dev.paddock.edge.gateway.http;

import org.jspecify.annotations.NullMarked;
