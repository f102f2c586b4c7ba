/** CPU architectures by one set of names. */
@NullMarked
package dev.paddock.contracts.architecture;

import org.jspecify.annotations.NullMarked;
