package dev.paddock.contracts.machine;

import org.jspecify.annotations.Nullable;

/** The reference's {@code CreateVirtualMachineResponse}. */
public record MachineCreated(
        String id, String host, String name, @Nullable String owner, String currentState) {}
