package dev.paddock.contracts.catalog;

import java.util.List;

/**
 * What a pack is made of: its chunks in order. Concatenating the chunks' contents gives the bundle's tar stream. A push
 * commits it inside a {@link ManifestCommit}; a pull gets it back in the download descriptor. What a reader checks
 * before trusting one (its format, sizes and digests) is the pack format's business ({@code image-pack}), not the
 * wire's.
 *
 * @param format always {@link #FORMAT}
 * @param chunkSize the largest a chunk may be
 * @param size the tar stream's length (the sum of the chunk sizes)
 * @param chunks in stream order; the same digest may appear more than once
 */
public record PackIndex(String format, int chunkSize, long size, List<Chunk> chunks) {

    public static final String FORMAT = "paddock-pack/1";
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

    public PackIndex {
        chunks = List.copyOf(chunks);
    }

    /**
     * One chunk.
     *
     * @param digest lowercase hex SHA-256 of the uncompressed content, or {@link #ZERO} for a chunk of zeros
     * @param size uncompressed length
     */
    public record Chunk(String digest, int size) {

        /** The digest recorded for an all-zero chunk: such chunks are never stored or sent. */
        public static final String ZERO = "zero";

        public boolean isZero() {
            return ZERO.equals(digest);
        }
    }

    /** The distinct digests of the chunks that must be stored (zero chunks excluded). */
    public List<String> storedDigests() {
        return chunks.stream()
                .filter(c -> !c.isZero())
                .map(Chunk::digest)
                .distinct()
                .toList();
    }
}
