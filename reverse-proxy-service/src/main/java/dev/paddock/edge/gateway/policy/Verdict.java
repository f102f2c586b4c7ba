package dev.paddock.edge.gateway.policy;

import dev.paddock.edge.vm.RouteFailure;
import io.netty.handler.codec.http.FullHttpResponse;

/** What a {@link RoutePolicy} decided: let the request through, or answer it at the edge. */
public sealed interface Verdict {

    /** The request goes on; one instance, so passing costs no allocation. */
    Verdict PASS = Pass.PASS;

    /** The only way to let a request through. */
    enum Pass implements Verdict {
        PASS
    }

    /** Answered with the problem detail of {@code failure}. */
    record Refuse(RouteFailure failure) implements Verdict {}

    /** Answered with {@code response}, which has no body (a preflight, a redirect). */
    record Respond(FullHttpResponse response) implements Verdict {}
}
