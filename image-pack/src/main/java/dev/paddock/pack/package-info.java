/**
 * The pack format of golden images (ADR 0200): a VM bundle as a tar stream, cut into chunks that start again at every
 * file's data (so a change inside one file only changes that file's chunks), each compressed with zstd and named by
 * the SHA-256 of its uncompressed content; all-zero chunks are recorded but never stored or sent. {@link Packer} writes
 * a bundle into a {@link ChunkStore}, asking it which chunks it lacks; {@link Unpacker} rebuilds a bundle from a
 * {@link ChunkSource}, verifying every chunk and writing zeros as holes.
 */
@NullMarked
package dev.paddock.pack;

import org.jspecify.annotations.NullMarked;
