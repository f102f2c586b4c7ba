package dev.paddock.orchestrator.agent;

import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a host's agent answers and how to prove ourselves to it.
 *
 * @param apiKey for a standalone agent registered with its own API key; null for agents that trust our tokens
 */
public record AgentTarget(
        UUID hostId, String hostName, URI url, @Nullable String apiKey) {}
