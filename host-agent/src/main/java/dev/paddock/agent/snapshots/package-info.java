/** VM snapshots: the tree PD keeps, and taking, deleting and reverting to them. */
@NullMarked
package dev.paddock.agent.snapshots;

import org.jspecify.annotations.NullMarked;
