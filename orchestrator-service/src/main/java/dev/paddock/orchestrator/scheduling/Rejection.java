package dev.paddock.orchestrator.scheduling;

/** Why one host cannot take a VM. */
public record Rejection(String host, String reason) {}
