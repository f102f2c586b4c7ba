/** The host agent: drives Parallels Desktop on one Mac through prlctl and serves the host API. */
@NullMarked
package dev.paddock.agent;

import org.jspecify.annotations.NullMarked;
