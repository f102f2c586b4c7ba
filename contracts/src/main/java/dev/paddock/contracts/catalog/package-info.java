/**
 * The catalog's API as its callers (the host agents, the CLI) use it: paths, the chunk transfer's question and answer,
 * the pack index and the commit that ends a push (ADR 0200).
 */
@NullMarked
package dev.paddock.contracts.catalog;

import org.jspecify.annotations.NullMarked;
