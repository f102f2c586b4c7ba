/** The simulated Mac's own tools the agent runs beside PD's: sysctl, uname, chown and prlcopy. */
@NullMarked
package dev.paddock.simulator.host;

import org.jspecify.annotations.NullMarked;
