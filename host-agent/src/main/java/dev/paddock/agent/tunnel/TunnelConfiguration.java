package dev.paddock.agent.tunnel;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mounts tunnels at {@code /api/v1/machines/{id}/tunnel/{port}} (a WebSocket of binary messages). The handshake is an
 * authenticated request needing {@code CONFIGURE_REVERSE_PROXY}; the guest connection is opened during the handshake,
 * so a tunnel that cannot open is refused with a ProblemDetail and its status (404, 409, 502, 503) instead of opening
 * and closing at once.
 */
@Configuration(proxyBeanMethods = false)
class TunnelConfiguration implements WebSocketConfigurer {

    private static final Pattern PATH = Pattern.compile("/api/v1/machines/([^/]+)/tunnel/([^/]+)$");

    private final GuestTunnels tunnels;
    private final JsonMapper json;

    TunnelConfiguration(GuestTunnels tunnels, JsonMapper json) {
        this.tunnels = tunnels;
        this.json = json;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new GuestTunnelHandler(), "/api/v1/machines/*/tunnel/*")
                .addInterceptors(new OpenGuest())
                .setAllowedOriginPatterns("*");
    }

    private final class OpenGuest implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Map<String, Object> attributes) {
            try {
                PaddockPrincipal caller = CurrentCaller.principal().orElse(null);
                if (caller == null || !caller.has(Claims.CONFIGURE_REVERSE_PROXY)) {
                    throw ProblemException.forbidden(
                            "missing-claims",
                            "Opening a tunnel needs the claim " + Claims.CONFIGURE_REVERSE_PROXY + ".");
                }
                Matcher path = PATH.matcher(request.getURI().getPath());
                if (!path.find()) {
                    throw ProblemException.notFound(
                            "not-found", "No tunnel at " + request.getURI().getPath());
                }
                int port = port(path.group(2));
                Socket guest = tunnels.open(path.group(1), port);
                attributes.put(GuestTunnelHandler.GUEST, guest);
                attributes.put(GuestTunnelHandler.LABEL, path.group(1) + ":" + port);
                return true;
            } catch (ProblemException problem) {
                response.setStatusCode(problem.status());
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                try {
                    response.getBody()
                            .write(json.writeValueAsString(problem.toProblemDetail())
                                    .getBytes(StandardCharsets.UTF_8));
                } catch (java.io.IOException ignored) {
                    // the status alone still says it
                }
                return false;
            }
        }

        @Override
        public void afterHandshake(
                ServerHttpRequest request,
                ServerHttpResponse response,
                WebSocketHandler handler,
                Exception exception) {}

        private static int port(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-port",
                        "Bad request",
                        "Guest port '" + text + "' is not a number.");
            }
        }
    }
}
