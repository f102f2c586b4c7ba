package dev.paddock.orchestrator.event;

import dev.paddock.common.event.EventSubscribers;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Mounts the hub; the handshake is authenticated like any request (header or {@code ?access_token=}). */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class EventHubConfiguration implements WebSocketConfigurer {

    private final EventHub hub;

    EventHubConfiguration(EventHub hub) {
        this.hub = hub;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(hub, EventSubscribers.PATH).setAllowedOriginPatterns("*");
    }
}
