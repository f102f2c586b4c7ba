package dev.paddock.edge.gateway;

import org.jspecify.annotations.Nullable;

/**
 * What a client connection arrived on.
 *
 * @param port the port the client connected to
 * @param tls whether it is the HTTPS listener
 * @param httpsRedirectPort when set, plain requests are redirected to HTTPS on this port
 * @param ownHostPort set for a listener of one reverse-proxy host (its port), null for the front door
 */
record Listener(
        int port,
        boolean tls,
        @Nullable Integer httpsRedirectPort,
        @Nullable Integer ownHostPort) {}
