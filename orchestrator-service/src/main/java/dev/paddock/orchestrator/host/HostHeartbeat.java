package dev.paddock.orchestrator.host;

import org.jspecify.annotations.Nullable;

/**
 * What an agent reports every few seconds: its totals (which can change, e.g. disk), digests of its VM list and pack
 * cache (details are fetched only when they change), its version and tunnel address.
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
        @Nullable String tunnelAddress) {}
