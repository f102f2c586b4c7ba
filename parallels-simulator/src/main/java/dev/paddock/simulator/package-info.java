/** A faithful fake of Parallels Desktop's command-line tools: prlctl and prlsrvctl answer like the real ones, keep VM state on disk and run guest services on loopback, so the host agent's real driver runs on Linux. */
@NullMarked
package dev.paddock.simulator;

import org.jspecify.annotations.NullMarked;
