package dev.paddock.contracts.agent;

/** The reference's {@code CreateVirtualMachineResponse}. */
public record MachineCreated(String id, String host, String name, String owner, String currentState) {}
