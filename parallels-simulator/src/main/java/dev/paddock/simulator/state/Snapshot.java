package dev.paddock.simulator.state;

/** A VM snapshot as PD keeps it: an id in braces, a parent (empty for roots), the VM state it captured. */
public record Snapshot(String id, String name, String description, String date, String state, String parent) {}
