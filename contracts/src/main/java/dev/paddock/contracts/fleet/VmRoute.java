package dev.paddock.contracts.fleet;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where the edge reaches a VM's guest ports ({@link FleetApi#MACHINE_ROUTE}): the agent of its host, which tunnels to
 * the guest, and what the fleet last heard of the VM.
 */
public record VmRoute(
        String vmId,
        String vmName,
        String state,
        @Nullable String internalIpAddress,
        UUID hostId,
        String hostName,
        String hostState,
        String agentUrl) {}
