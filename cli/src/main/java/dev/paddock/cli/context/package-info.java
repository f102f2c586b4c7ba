/** {@code paddock context}: adding, choosing and forgetting servers. */
@NullMarked
package dev.paddock.cli.context;

import org.jspecify.annotations.NullMarked;
