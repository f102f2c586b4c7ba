/** Authenticated encryption of secrets at rest. */
@NullMarked
package dev.paddock.common.crypto;

import org.jspecify.annotations.NullMarked;
