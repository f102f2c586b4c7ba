/**
 * Runs the whole suite on one machine on embedded defaults — an embedded PostgreSQL, local-disk storage, simulated
 * Macs — as the real service processes, for demos and end-to-end tests.
 */
@NullMarked
package dev.paddock.devsuite;

import org.jspecify.annotations.NullMarked;
