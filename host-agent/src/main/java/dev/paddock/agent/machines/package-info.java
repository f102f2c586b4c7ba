/** The host's VMs: listing and operations of the reference host API. */
@NullMarked
package dev.paddock.agent.machines;

import org.jspecify.annotations.NullMarked;
