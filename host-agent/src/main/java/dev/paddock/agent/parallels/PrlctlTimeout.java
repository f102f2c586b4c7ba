package dev.paddock.agent.parallels;

import java.time.Duration;
import java.util.List;

/** A prlctl command did not finish in time; it was killed. */
public final class PrlctlTimeout extends RuntimeException {

    PrlctlTimeout(List<String> arguments, Duration timeout) {
        super("'" + String.join(" ", arguments) + "' did not finish within " + timeout.toSeconds()
                + " s and was killed");
    }
}
