package dev.paddock.edge.gateway.policy;

import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One request as policies see it, and what they note about it for later: the origin its response may name, the access
 * check still running off the event loop. One instance per client connection, reset for each request.
 */
public final class PolicyRequest {

    private final String clientAddress;
    private @Nullable HttpRequest request;
    private @Nullable String allowedOrigin;
    private @Nullable CompletableFuture<Void> accessCheck;

    public PolicyRequest(String clientAddress) {
        this.clientAddress = clientAddress;
    }

    /** Starts the next request of the connection. */
    public PolicyRequest reset(HttpRequest next) {
        this.request = next;
        this.allowedOrigin = null;
        this.accessCheck = null;
        return this;
    }

    /**
     * The request: as received for the front door's chain, as it will be forwarded (rewritten in place) for a route's
     * chain.
     */
    public HttpRequest request() {
        HttpRequest current = request;
        if (current == null) {
            throw new IllegalStateException("no request in progress");
        }
        return current;
    }

    /** The client's IP address. */
    public String clientAddress() {
        return clientAddress;
    }

    /** The caller's access check, when a policy started one; the request waits for it before it is forwarded. */
    public @Nullable CompletableFuture<Void> accessCheck() {
        return accessCheck;
    }

    void awaitAccess(CompletableFuture<Void> check) {
        this.accessCheck = check;
    }

    @Nullable String allowedOrigin() {
        return allowedOrigin;
    }

    void allowOrigin(String origin) {
        this.allowedOrigin = origin;
    }
}
