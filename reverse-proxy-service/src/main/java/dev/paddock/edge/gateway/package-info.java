/**
 * The front door: a streaming HTTP/1.1 reverse proxy on Netty that routes the API to the service that owns each path,
 * with pooled keep-alive upstream connections, forwarded headers and WebSocket pass-through.
 */
@NullMarked
package dev.paddock.edge.gateway;

import org.jspecify.annotations.NullMarked;
