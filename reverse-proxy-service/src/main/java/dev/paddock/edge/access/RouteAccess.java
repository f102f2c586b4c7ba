package dev.paddock.edge.access;

import dev.paddock.common.security.ApiKeyAuthenticator;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.JwtPrincipalConverter;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.edge.routes.ProxyHost.Access;
import dev.paddock.edge.vm.RouteFailure;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Checks a request against a route's {@link Access}. A caller proves itself with a Paddock token ({@code Authorization:
 * Bearer}, or a {@code paddock_token} cookie for browsers) or an API key ({@code X-Api-Key}); the check runs on a
 * virtual thread because verifying may fetch signing keys or exchange the key at the orchestrator. Public routes cost
 * nothing.
 */
@Component
public class RouteAccess {

    /** The cookie a browser can carry a token in (set by {@code paddock vm open}). */
    public static final String TOKEN_COOKIE = "paddock_token";

    /** The credentials a request carries; what the gateway strips before forwarding to a VM. */
    public record Credentials(
            @Nullable String bearer,
            @Nullable String apiKey,
            @Nullable String cookieToken) {

        boolean isEmpty() {
            return bearer == null && apiKey == null && cookieToken == null;
        }
    }

    private static final CompletableFuture<Void> ALLOWED = CompletableFuture.completedFuture(null);

    private final JwtDecoder decoder;
    private final ApiKeyAuthenticator apiKeys;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();

    RouteAccess(JwtDecoder decoder, ApiKeyAuthenticator apiKeys) {
        this.decoder = decoder;
        this.apiKeys = apiKeys;
    }

    /** Completes when the caller may pass; otherwise exceptionally with a 401 or 403 {@link RouteFailure}. */
    public CompletableFuture<Void> check(Access access, Credentials credentials, String what) {
        if (access.isPublic()) {
            return ALLOWED;
        }
        if (credentials.isEmpty()) {
            return CompletableFuture.failedFuture(new RouteFailure(
                    401,
                    "authentication-required",
                    "Authentication required",
                    what + " needs a Paddock token: send Authorization: Bearer <token> (paddock login), an X-Api-Key,"
                            + " or a " + TOKEN_COOKIE + " cookie."));
        }
        return CompletableFuture.runAsync(() -> require(access.requiredClaims(), prove(credentials), what), checks);
    }

    private PaddockPrincipal prove(Credentials credentials) {
        try {
            if (credentials.apiKey() != null) {
                return apiKeys.authenticate(ApiKeyCredentials.parse(credentials.apiKey()))
                        .getPrincipal();
            }
            String token = credentials.bearer() != null ? credentials.bearer() : credentials.cookieToken();
            return JwtPrincipalConverter.principalOf(decoder.decode(token));
        } catch (JwtException | AuthenticationException e) {
            throw new RouteFailure(
                    401,
                    "invalid-credentials",
                    "Invalid credentials",
                    "The token or API key was not accepted (" + e.getMessage() + "); log in again.");
        }
    }

    private static void require(List<String> claims, PaddockPrincipal caller, String what) {
        List<String> missing =
                claims.stream().filter(claim -> !caller.has(claim)).toList();
        if (!missing.isEmpty()) {
            throw new RouteFailure(
                    403,
                    "forbidden",
                    "Forbidden",
                    what + " needs the claim" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + ", which " + caller.username() + " does not hold.");
        }
    }
}
