package dev.paddock.contracts.fleet;

/**
 * The orchestrator's answer to a heartbeat.
 *
 * @param heartbeatIntervalSeconds when to send the next one
 * @param vmSyncScheduled whether the orchestrator will fetch the host's VM list (its digest changed)
 */
public record HeartbeatAcknowledgement(long heartbeatIntervalSeconds, boolean vmSyncScheduled) {}
