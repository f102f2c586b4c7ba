/** What runs inside a simulated VM: an SSH server and an HTTP server on the VM's own loopback address, and the small set of guest commands. */
@NullMarked
package dev.paddock.simulator.guest;

import org.jspecify.annotations.NullMarked;
