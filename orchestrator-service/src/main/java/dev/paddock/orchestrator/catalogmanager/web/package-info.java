/** HTTP API of catalog managers (/api/v1/catalog-managers). */
@NullMarked
package dev.paddock.orchestrator.catalogmanager.web;

import org.jspecify.annotations.NullMarked;
