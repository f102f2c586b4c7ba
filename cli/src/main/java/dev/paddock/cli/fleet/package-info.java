/** Commands for the fleet: hosts and VMs. */
@NullMarked
package dev.paddock.cli.fleet;

import org.jspecify.annotations.NullMarked;
