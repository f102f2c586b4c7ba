package dev.paddock.edge.gateway.http;

import dev.paddock.edge.vm.RouteFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Problem details written by the front door itself, in the same shape every Paddock service uses. */
final class GatewayProblems {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVICE = "reverse-proxy-service";

    private GatewayProblems() {}

    /** The answer to a request the edge refuses: a 429 asks to retry after a second, a 401 names the scheme. */
    static FullHttpResponse problem(RouteFailure failure, String requestId) {
        FullHttpResponse response = problem(
                HttpResponseStatus.valueOf(failure.status()),
                failure.type(),
                failure.title(),
                failure.detail(),
                requestId);
        if (failure.status() == 429) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        }
        if (failure.status() == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"paddock\"");
        }
        return response;
    }

    static FullHttpResponse problem(
            HttpResponseStatus status, String type, String title, String detail, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://paddock.dev/problems/" + type);
        body.put("title", title);
        body.put("status", status.code());
        body.put("detail", detail);
        body.put("service", SERVICE);
        body.put("request_id", requestId);
        ByteBuf content = Unpooled.wrappedBuffer(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set("X-Request-Id", requestId);
        return response;
    }
}
