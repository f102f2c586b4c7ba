package dev.paddock.edge.gateway.http;

import dev.paddock.edge.gateway.policy.PolicyChain;
import org.jspecify.annotations.Nullable;

/**
 * What a client connection arrived on.
 *
 * @param port the port the client connected to
 * @param tls whether it is the HTTPS listener
 * @param entry the policies every request on it meets first (rate limit, redirect to HTTPS), built once per listener
 * @param ownHostPort set for a listener of one reverse-proxy host (its port), null for the front door
 */
public record Listener(
        int port, boolean tls, PolicyChain entry, @Nullable Integer ownHostPort) {}
