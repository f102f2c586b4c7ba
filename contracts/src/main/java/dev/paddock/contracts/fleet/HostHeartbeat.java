package dev.paddock.contracts.fleet;

import org.jspecify.annotations.Nullable;

/**
 * What an agent reports every few seconds: its totals (which can change, e.g. disk), the part of them kept for the
 * host itself, digests of its VM list and pack cache (the orchestrator fetches the details only when a digest changes),
 * and its version.
 */
public record HostHeartbeat(
        int totalCpus,
        long totalMemoryMb,
        long freeDiskMb,
        int reservedCpus,
        long reservedMemoryMb,
        long reservedDiskMb,
        @Nullable String vmDigest,
        @Nullable String cacheDigest,
        @Nullable String agentVersion,
        @Nullable RuntimeStats stats) {}
