package dev.paddock.agent.parallels;

import java.time.Duration;

/** A PD command did not finish (or find a free slot) in time; it was killed. */
public final class PrlctlTimeout extends RuntimeException {

    PrlctlTimeout(PdCommand command, Duration timeout) {
        super("'" + command.display() + "' did not finish within " + timeout.toSeconds() + " s and was killed");
    }
}
