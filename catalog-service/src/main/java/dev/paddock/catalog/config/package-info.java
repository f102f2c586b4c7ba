/** Wiring of cross-cutting infrastructure: the error handler. */
@NullMarked
package dev.paddock.catalog.config;

import org.jspecify.annotations.NullMarked;
