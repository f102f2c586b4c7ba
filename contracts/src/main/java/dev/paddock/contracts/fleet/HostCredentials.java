package dev.paddock.contracts.fleet;

import java.util.UUID;

/**
 * What an enrolled agent keeps to prove itself on heartbeats; the orchestrator shows it only once, in the answer to
 * enrollment, and stores only the secret's hash.
 */
public record HostCredentials(UUID hostId, String hostSecret, long heartbeatIntervalSeconds) {}
