/** The prlsrvctl commands: host information and users. */
@NullMarked
package dev.paddock.simulator.prlsrvctl;

import org.jspecify.annotations.NullMarked;
