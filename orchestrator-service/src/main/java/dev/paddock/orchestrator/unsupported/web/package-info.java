/**
 * The reference's operations Paddock refuses on purpose, each answered with 501 {@code operation-not-supported}: why,
 * and what to use instead. docs/compatibility.md lists the same operations.
 */
@NullMarked
package dev.paddock.orchestrator.unsupported.web;

import org.jspecify.annotations.NullMarked;
