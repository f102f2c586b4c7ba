/**
 * The resident simulator: one long-lived JVM that runs the simulated tools' calls for {@code bin/simulator}, so a
 * {@code prlctl} call costs a bash process and a loopback round trip instead of a JVM start. It changes how the
 * simulator runs, never what a call prints or returns: each call runs {@code SimulatorMain.run} with its caller's
 * environment, working directory and terminal, as a one-off JVM would.
 */
@NullMarked
package dev.paddock.simulator.resident;

import org.jspecify.annotations.NullMarked;
