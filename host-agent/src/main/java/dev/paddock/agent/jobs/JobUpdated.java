package dev.paddock.agent.jobs;

/** A job changed; the event hub relays it on the {@code job_manager} channel. */
public record JobUpdated(JobView job) {}
