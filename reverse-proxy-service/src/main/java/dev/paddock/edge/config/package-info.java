/** Wiring of cross-cutting infrastructure: the error handler of the edge's own API. */
@NullMarked
package dev.paddock.edge.config;

import org.jspecify.annotations.NullMarked;
