/**
 * The hosts' pack caches seen from the fleet: the reference's {@code /cache} API answered for every host at once, and
 * its per-host {@code /orchestrator/hosts/{id}/catalog/cache} variants, each forwarded to the agents with the caller's
 * token.
 */
@NullMarked
package dev.paddock.orchestrator.cache;

import org.jspecify.annotations.NullMarked;
