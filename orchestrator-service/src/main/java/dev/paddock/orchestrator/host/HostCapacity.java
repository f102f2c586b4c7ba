package dev.paddock.orchestrator.host;

import dev.paddock.orchestrator.host.HostViews.ResourceItem;
import dev.paddock.orchestrator.host.HostViews.Resources;

/**
 * What a host has and what is spoken for, in the reference's arithmetic: in use = VMs that hold CPU and memory
 * (running, paused, transitional); reserved = capacity promised to VMs being created; available = total − kept for the
 * host itself − in use − reserved. Stopped VMs hold disk only.
 */
public record HostCapacity(
        int totalCpus,
        long totalMemoryMb,
        long freeDiskMb,
        int systemCpus,
        long systemMemoryMb,
        long systemDiskMb,
        int usedCpus,
        long usedMemoryMb,
        int runningMacVms,
        int pendingCpus,
        long pendingMemoryMb,
        long pendingDiskMb,
        int pendingMacVms) {

    /** Apple's licence: at most two macOS VMs running on one Mac. */
    public static final int MAX_RUNNING_MAC_VMS = 2;

    public int availableCpus() {
        return totalCpus - systemCpus - usedCpus - pendingCpus;
    }

    public long availableMemoryMb() {
        return totalMemoryMb - systemMemoryMb - usedMemoryMb - pendingMemoryMb;
    }

    public long availableDiskMb() {
        return freeDiskMb - systemDiskMb - pendingDiskMb;
    }

    public int macVmsAfterPending() {
        return runningMacVms + pendingMacVms;
    }

    Resources toResources() {
        ResourceItem total =
                new ResourceItem(totalCpus, totalCpus, totalMemoryMb, freeDiskMb, freeDiskMb, runningMacVms);
        ResourceItem system = new ResourceItem(systemCpus, systemCpus, systemMemoryMb, systemDiskMb, 0, 0);
        ResourceItem inUse = new ResourceItem(usedCpus, usedCpus, usedMemoryMb, 0, 0, runningMacVms);
        ResourceItem reserved =
                new ResourceItem(pendingCpus, pendingCpus, pendingMemoryMb, pendingDiskMb, 0, pendingMacVms);
        ResourceItem available = new ResourceItem(
                Math.max(0, availableCpus()),
                Math.max(0, availableCpus()),
                Math.max(0, availableMemoryMb()),
                Math.max(0, availableDiskMb()),
                Math.max(0, availableDiskMb()),
                runningMacVms);
        return new Resources(total, system, inUse, reserved, available);
    }
}
