/** How a POSIX shell splits a command line into words, for the simulated guests and for reading the corpus. */
@NullMarked
package dev.paddock.simulator.shell;

import org.jspecify.annotations.NullMarked;
