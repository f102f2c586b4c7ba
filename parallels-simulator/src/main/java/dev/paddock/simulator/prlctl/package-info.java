/** The prlctl commands: VM listing, power, registration, cloning, settings, snapshots, exec and the event stream. */
@NullMarked
package dev.paddock.simulator.prlctl;

import org.jspecify.annotations.NullMarked;
