/** Wiring of cross-cutting infrastructure: the error handler. */
@NullMarked
package dev.paddock.agent.config;

import org.jspecify.annotations.NullMarked;
