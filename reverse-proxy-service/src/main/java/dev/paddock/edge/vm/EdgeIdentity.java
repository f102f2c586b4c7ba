package dev.paddock.edge.vm;

import dev.paddock.common.security.ApiKeyAuthenticator;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.edge.EdgeProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * The edge's own credential: its API key, exchanged at the orchestrator for ordinary tokens (cached until shortly
 * before they expire). The same token finds VMs at the orchestrator and opens tunnels at the agents, which trust the
 * orchestrator's tokens.
 */
@Component
public class EdgeIdentity {

    private final @Nullable ApiKeyCredentials credentials;
    private final ApiKeyAuthenticator authenticator;

    EdgeIdentity(EdgeProperties properties, ApiKeyAuthenticator authenticator) {
        String configured = properties.orchestratorApiKey();
        this.credentials = configured == null || configured.isBlank() ? null : ApiKeyCredentials.parse(configured);
        this.authenticator = authenticator;
    }

    /**
     * A valid bearer token (may call the orchestrator: never on an event loop).
     *
     * @throws RouteFailure 503 when the edge has no credential or the orchestrator refuses it
     */
    public String token() {
        if (credentials == null) {
            throw new RouteFailure(
                    503,
                    "edge-not-configured",
                    "Edge has no credential",
                    "VM routes need the edge's API key: set paddock.edge.orchestrator-api-key (PADDOCK_EDGE_API_KEY)"
                            + " to the value the orchestrator was given.");
        }
        try {
            return authenticator.authenticate(credentials).bearerToken();
        } catch (AuthenticationException e) {
            throw new RouteFailure(
                    503,
                    "edge-credential-rejected",
                    "Edge credential rejected",
                    "The orchestrator did not accept the edge's API key (" + e.getMessage()
                            + "); check PADDOCK_EDGE_API_KEY on both.");
        }
    }
}
