package dev.paddock.orchestrator.host;

/** Hosts in one health state, and how many of them are draining or disabled. */
public record HostCount(String state, long hosts, long draining, long disabled) {}
