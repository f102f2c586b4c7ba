package dev.paddock.orchestrator.agent;

import dev.paddock.common.client.ServiceClient;
import dev.paddock.orchestrator.auth.IssuedToken;
import dev.paddock.orchestrator.auth.TokenIssuer;
import dev.paddock.orchestrator.identity.UserAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Makes {@link AgentClient}s. On behalf of a user (forwarding an operation) the user's own token goes along, so the
 * agent applies the same claims; for the orchestrator's own work (sync, health) a short-lived token of the
 * orchestrator's service identity (SUPER_USER) is used. A standalone agent gets its API key instead.
 */
@Component
public class AgentClients {

    /** The orchestrator's own identity in the tokens it sends to agents. */
    static final UserAccount SERVICE = new UserAccount(
            new UUID(0, 1),
            "paddock-orchestrator",
            "orchestrator@paddock.local",
            "Paddock orchestrator",
            Set.of("SUPER_USER"),
            Set.of());

    private final RestClient.Builder builder;
    private final TokenIssuer tokens;
    private final Clock clock;
    private volatile @Nullable IssuedToken serviceToken;
    /** One HTTP client per read timeout, shared by the calls to every agent. */
    private final Map<Duration, RestClient> shared = new ConcurrentHashMap<>();

    AgentClients(RestClient.Builder builder, TokenIssuer tokens, Clock clock) {
        this.builder = builder;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** For forwarding a user's operation: the user's token (or the agent's API key) goes along. */
    public AgentClient onBehalfOfCaller(AgentTarget target, Duration timeout) {
        return new AgentClient(restFor(timeout), target, apiKeyOr(target, headers -> {}));
    }

    /** For the orchestrator's own calls (no user involved). */
    public AgentClient asOrchestrator(AgentTarget target, Duration timeout) {
        return new AgentClient(
                restFor(timeout), target, apiKeyOr(target, headers -> headers.setBearerAuth(serviceToken())));
    }

    private RestClient restFor(Duration timeout) {
        return shared.computeIfAbsent(timeout, t -> ServiceClient.shared(builder, t));
    }

    private static Consumer<HttpHeaders> apiKeyOr(AgentTarget target, Consumer<HttpHeaders> otherwise) {
        if (target.apiKey() != null) {
            return headers -> {
                headers.remove(HttpHeaders.AUTHORIZATION);
                headers.set("X-Api-Key", target.apiKey());
            };
        }
        return otherwise;
    }

    private String serviceToken() {
        IssuedToken current = serviceToken;
        if (current == null || clock.instant().plus(Duration.ofMinutes(2)).isAfter(current.expiresAt())) {
            current = tokens.issue(SERVICE, null);
            serviceToken = current;
        }
        return current.token();
    }
}
