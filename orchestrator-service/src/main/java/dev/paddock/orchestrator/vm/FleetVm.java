package dev.paddock.orchestrator.vm;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A VM as the orchestrator's scheduling and forwarding need it. */
public record FleetVm(
        UUID hostId,
        String id,
        String name,
        String state,
        boolean macos,
        int cpus,
        long memoryMb,
        @Nullable String ip,
        @Nullable UUID createdBy) {}
