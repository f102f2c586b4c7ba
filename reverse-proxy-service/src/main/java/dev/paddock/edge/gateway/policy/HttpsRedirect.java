package dev.paddock.edge.gateway.policy;

import dev.paddock.edge.gateway.HostHeader;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** On a plain listener that redirects: every request is answered with a permanent redirect to the same URL on HTTPS. */
final class HttpsRedirect implements RoutePolicy {

    private final String portSuffix;

    HttpsRedirect(int httpsPort) {
        this.portSuffix = httpsPort == 443 ? "" : ":" + httpsPort;
    }

    @Override
    public Verdict apply(PolicyRequest request) {
        HttpRequest received = request.request();
        String host = HostHeader.hostnameOf(received.headers().get(HttpHeaderNames.HOST, ""));
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT);
        response.headers()
                .set(HttpHeaderNames.LOCATION, "https://" + host + portSuffix + received.uri())
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return new Verdict.Respond(response);
    }
}
