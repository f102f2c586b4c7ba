/** CPU architectures by one set of names. */
@NullMarked
package dev.paddock.common.architecture;

import org.jspecify.annotations.NullMarked;
