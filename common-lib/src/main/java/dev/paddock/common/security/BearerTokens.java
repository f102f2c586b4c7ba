package dev.paddock.common.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Where a request's bearer token is: the {@code Authorization} header; and, for a WebSocket upgrade only — browsers
 * cannot set headers on one — the query parameter {@code access_token} or {@code authorization} (the reference's web UI
 * subscribes with {@code ?authorization=<JWT>}; see prl-devops-ui {@code src/services}), with or without a
 * {@code Bearer } prefix. A token in any other URL is not read: URLs end up in access logs and browser history.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final List<String> UPGRADE_PARAMETERS = List.of("access_token", "authorization");
    private static final String BEARER = "bearer ";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String fromHeader = header.resolve(request);
        if (fromHeader != null || !isWebSocketUpgrade(request)) {
            return fromHeader;
        }
        String found = null;
        for (String name : UPGRADE_PARAMETERS) {
            String[] values = request.getParameterValues(name);
            if (values == null) {
                continue;
            }
            if (values.length > 1 || found != null) {
                throw new OAuth2AuthenticationException(
                        BearerTokenErrors.invalidRequest("Found multiple bearer tokens in the request"));
            }
            found = withoutScheme(values[0]);
        }
        return found == null || found.isBlank() ? null : found;
    }

    static boolean isWebSocketUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    private static String withoutScheme(String value) {
        String trimmed = value.strip();
        return trimmed.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? trimmed.substring(BEARER.length()).strip()
                : trimmed;
    }
}
