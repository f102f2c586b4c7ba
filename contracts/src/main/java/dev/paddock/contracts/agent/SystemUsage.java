package dev.paddock.contracts.agent;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The reference's {@code SystemUsageResponse} ({@code GET} {@link AgentApi#HARDWARE}): what a host — or, summed, the
 * fleet — has, keeps, uses and has left, and which of the reference's modules answer at this URL.
 */
public record SystemUsage(
        String cpuType,
        String cpuBrand,
        String devopsVersion,
        String osName,
        String osVersion,
        String parallelsDesktopVersion,
        boolean parallelsDesktopLicensed,
        @Nullable String externalIpAddress,
        List<String> enabledModules,
        boolean isReverseProxyEnabled,
        boolean isLogStreamingEnabled,
        Usage total,
        Usage systemReserved,
        Usage totalInUse,
        Usage totalReserved,
        Usage totalAvailable) {

    /**
     * One resource bucket (the reference's {@code SystemUsageItem}); memory and disk in MB.
     *
     * @param macVmsRunning names of running macOS VMs (Apple allows two per Mac)
     */
    public record Usage(
            int physicalCpuCount,
            int logicalCpuCount,
            long memorySize,
            long diskCount,
            long prlHomeSize,
            long prlHomeFreeSize,
            long prlHomeTotalSize,
            List<String> macVmsRunning) {}
}
