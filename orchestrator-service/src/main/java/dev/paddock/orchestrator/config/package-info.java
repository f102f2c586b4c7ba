/** Wiring of cross-cutting infrastructure: security chain, secrets. */
@NullMarked
package dev.paddock.orchestrator.config;

import org.jspecify.annotations.NullMarked;
