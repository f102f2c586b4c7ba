/** HTTP API of the fleet's pack caches (/api/v1/cache and /api/v1/orchestrator/hosts/{id}/catalog/cache). */
@NullMarked
package dev.paddock.orchestrator.cache.web;

import org.jspecify.annotations.NullMarked;
