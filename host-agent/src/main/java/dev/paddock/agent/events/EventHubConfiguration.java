package dev.paddock.agent.events;

import dev.paddock.common.event.EventSubscribers;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Mounts the hub. The handshake is an authenticated HTTP request like any other (header or {@code ?access_token=}); it
 * additionally needs {@code READ_ONLY} or {@code LIST_VM}, as the reference requires READ_ONLY.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EventHubConfiguration implements WebSocketConfigurer {

    private final EventHub hub;

    EventHubConfiguration(EventHub hub) {
        this.hub = hub;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(hub, EventSubscribers.PATH)
                .addInterceptors(new RequireReadClaim())
                .setAllowedOriginPatterns("*");
    }

    private static final class RequireReadClaim implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            PaddockPrincipal caller = CurrentCaller.principal().orElse(null);
            if (caller == null || !(caller.has(Claims.READ_ONLY) || caller.has(Claims.LIST_VM))) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            return true;
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Exception exception) {}
    }
}
