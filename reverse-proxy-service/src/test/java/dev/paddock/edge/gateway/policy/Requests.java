package dev.paddock.edge.gateway.policy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/** Requests as the codec decodes them, for policy tests. */
final class Requests {

    private Requests() {}

    static HttpRequest request(HttpMethod method, String uri, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }

    static PolicyRequest from(String client, HttpRequest request) {
        return new PolicyRequest(client).reset(request);
    }

    static PolicyRequest get(String uri, String... headers) {
        return from("10.0.0.1", request(HttpMethod.GET, uri, headers));
    }
}
