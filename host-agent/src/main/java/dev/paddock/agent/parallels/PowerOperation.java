package dev.paddock.agent.parallels;

import java.util.Locale;
import java.util.Optional;

/** The power verbs of {@code prlctl} and the states in which each has nothing left to do. */
public enum PowerOperation {
    START("running"),
    STOP("stopped"),
    RESTART(null),
    SUSPEND("suspended"),
    RESUME("running"),
    PAUSE("paused"),
    RESET(null);

    /** The state that already satisfies the operation (the reference answers success without calling prlctl). */
    private final String satisfiedBy;

    PowerOperation(String satisfiedBy) {
        this.satisfiedBy = satisfiedBy;
    }

    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PowerOperation> of(String verb) {
        for (PowerOperation operation : values()) {
            if (operation.verb().equalsIgnoreCase(verb)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a VM in {@code state} needs no call at all. As in the reference (main.go:1226-1286): start of a running
     * VM, stop of a stopped one, restart or reset of a stopped one are successes.
     */
    public boolean alreadyDone(String state) {
        if (this == RESTART || this == RESET) {
            return "stopped".equals(state);
        }
        return satisfiedBy.equals(state);
    }
}
