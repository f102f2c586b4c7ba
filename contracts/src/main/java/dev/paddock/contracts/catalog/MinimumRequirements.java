package dev.paddock.contracts.catalog;

import org.jspecify.annotations.Nullable;

/**
 * What a host needs to run an image (the reference's {@code MinimumSpecRequirement}): CPUs, and memory and disk in MB.
 * Given with a push, answered with the manifest.
 */
public record MinimumRequirements(
        @Nullable Integer cpu,
        @Nullable Long memory,
        @Nullable Long disk) {}
