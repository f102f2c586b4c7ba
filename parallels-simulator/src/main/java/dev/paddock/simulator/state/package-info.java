/** The simulated host's state on disk: registered VMs, their bundles, snapshots and events, guarded by a file lock so concurrent invocations are safe. */
@NullMarked
package dev.paddock.simulator.state;

import org.jspecify.annotations.NullMarked;
