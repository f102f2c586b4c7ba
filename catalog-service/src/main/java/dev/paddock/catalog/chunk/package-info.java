/**
 * The catalog's chunk store: content-addressed, zstd-compressed pieces of golden images (ADR 0200), behind a storage
 * provider ({@link dev.paddock.catalog.chunk.ChunkStorage}). Every chunk is verified against its name on arrival.
 */
@NullMarked
package dev.paddock.catalog.chunk;

import org.jspecify.annotations.NullMarked;
