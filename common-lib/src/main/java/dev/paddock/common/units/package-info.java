/** Units as Parallels prints them: sizes with units, parsed robustly. */
@NullMarked
package dev.paddock.common.units;

import org.jspecify.annotations.NullMarked;
