package dev.paddock.agent.jobs;

import dev.paddock.contracts.job.JobView;

/** A job changed; the event hub relays it on the {@code job_manager} channel. */
public record JobUpdated(JobView job) {}
