package dev.paddock.contracts.job;

import java.util.Locale;
import java.util.Optional;

/** A job's state, as the reference spells it on the wire ({@code pending}, {@code running}, …). */
public enum JobState {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static Optional<JobState> fromWire(String state) {
        for (JobState candidate : values()) {
            if (candidate.wire().equals(state)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
