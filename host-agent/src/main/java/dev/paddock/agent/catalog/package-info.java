/**
 * Golden images on this host: pushes of a VM bundle to the catalog and pulls from it as chunked packs (ADR 0200),
 * VM creation from a catalog manifest, and the pack cache that keeps pulled chunks for the next pull.
 */
@NullMarked
package dev.paddock.agent.catalog;

import org.jspecify.annotations.NullMarked;
