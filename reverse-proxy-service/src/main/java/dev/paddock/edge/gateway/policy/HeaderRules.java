package dev.paddock.edge.gateway.policy;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;

/** A route's header rules: headers set on the request as forwarded, and on the response before it reaches the client. */
final class HeaderRules implements RoutePolicy {

    private final Map<String, String> requestHeaders;
    private final Map<String, String> responseHeaders;

    HeaderRules(Map<String, String> requestHeaders, Map<String, String> responseHeaders) {
        this.requestHeaders = requestHeaders;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public Verdict apply(PolicyRequest request) {
        if (!requestHeaders.isEmpty()) {
            requestHeaders.forEach(request.request().headers()::set);
        }
        return Verdict.PASS;
    }

    @Override
    public void onResponse(PolicyRequest request, HttpHeaders response) {
        if (!responseHeaders.isEmpty()) {
            responseHeaders.forEach(response::set);
        }
    }
}
