package dev.paddock.orchestrator.job;

/** A step to declare when a job starts: its name, what a person reads, and its share of the job's progress. */
public record JobStep(String name, String displayName, int weight) {}
