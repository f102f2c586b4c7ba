/** The recorded-output corpus of Parallels Desktop's command-line tools, read from the classpath. */
@NullMarked
package dev.paddock.simulator.evidence;

import org.jspecify.annotations.NullMarked;
