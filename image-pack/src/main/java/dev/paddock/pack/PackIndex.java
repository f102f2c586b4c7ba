package dev.paddock.pack;

import java.util.List;

/**
 * What a pack is made of: its chunks in order. Concatenating the chunks' contents gives the bundle's tar stream.
 *
 * @param format always {@link #FORMAT}
 * @param chunkSize the largest a chunk may be
 * @param size the tar stream's length (the sum of the chunk sizes)
 * @param chunks in stream order; the same digest may appear more than once
 */
public record PackIndex(String format, int chunkSize, long size, List<Chunk> chunks) {

    public static final String FORMAT = "paddock-pack/1";
    public static final int DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
    static final int MIN_CHUNK_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;
    /** 16 TiB at the default chunk size; anything above is not a VM image but an attack on the reader. */
    static final int MAX_CHUNKS = 4 * 1024 * 1024;

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

    /**
     * Checks everything a reader relies on, so that a hostile or damaged index is refused before any byte is fetched.
     *
     * @throws InvalidPackException naming what is wrong
     */
    public PackIndex validate() {
        if (!FORMAT.equals(format)) {
            throw new InvalidPackException("unknown pack format '" + format + "' (expected " + FORMAT + ")");
        }
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new InvalidPackException(
                    "chunk_size " + chunkSize + " is outside " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE);
        }
        if (chunks.size() > MAX_CHUNKS) {
            throw new InvalidPackException("too many chunks: " + chunks.size() + " (at most " + MAX_CHUNKS + ")");
        }
        long total = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            if (chunk == null || chunk.digest() == null) {
                throw new InvalidPackException("chunk " + i + " has no digest");
            }
            if (!chunk.isZero() && !Digests.isSha256(chunk.digest())) {
                throw new InvalidPackException("chunk " + i + " has a malformed digest '" + chunk.digest() + "'");
            }
            if (chunk.size() <= 0 || chunk.size() > chunkSize) {
                throw new InvalidPackException("chunk " + i + " has size " + chunk.size() + ", not in 1.." + chunkSize);
            }
            total += chunk.size();
        }
        if (total != size) {
            throw new InvalidPackException("the chunks add up to " + total + " bytes, the index says " + size);
        }
        return this;
    }
}
