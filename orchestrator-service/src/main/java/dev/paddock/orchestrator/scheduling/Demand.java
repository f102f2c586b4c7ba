package dev.paddock.orchestrator.scheduling;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a new VM needs from a host.
 *
 * @param sourceVm for a copy: the VM (name or id) a host must already have
 * @param catalogId for a VM from a golden image: the image, so hosts holding it in their cache come first
 */
record Demand(
        String vmName,
        int cpus,
        long memoryMb,
        long diskMb,
        boolean macos,
        @Nullable String architecture,
        List<String> selectionTags,
        @Nullable String sourceVm,
        @Nullable String catalogId,
        @Nullable String catalogVersion) {}
