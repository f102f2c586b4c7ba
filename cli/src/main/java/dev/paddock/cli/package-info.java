/** The {@code paddock} command line: operators' and CI scripts' way into a Paddock fleet. */
@NullMarked
package dev.paddock.cli;

import org.jspecify.annotations.NullMarked;
