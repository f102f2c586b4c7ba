package dev.paddock.pack;

import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.catalog.PackIndex.Chunk;

/**
 * What the pack format requires of a {@link PackIndex} before a byte is fetched: its format, chunk size, digests and
 * sizes. The index itself travels in the catalog's contract; these limits are the reader's defence against a hostile
 * or damaged one, so the catalog (on commit) and every puller apply the same ones.
 */
public final class PackIndexRules {

    static final int MIN_CHUNK_SIZE = 64 * 1024;
    static final int MAX_CHUNK_SIZE = 64 * 1024 * 1024;
    /** 16 TiB at the default chunk size; anything above is not a VM image but an attack on the reader. */
    static final int MAX_CHUNKS = 4 * 1024 * 1024;

    private PackIndexRules() {}

    /**
     * Checks everything a reader relies on, so that a hostile or damaged index is refused before any byte is fetched.
     *
     * @return {@code index}, valid
     * @throws InvalidPackException naming what is wrong
     */
    public static PackIndex validate(PackIndex index) {
        if (!PackIndex.FORMAT.equals(index.format())) {
            throw new InvalidPackException(
                    "unknown pack format '" + index.format() + "' (expected " + PackIndex.FORMAT + ")");
        }
        int chunkSize = index.chunkSize();
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new InvalidPackException(
                    "chunk_size " + chunkSize + " is outside " + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE);
        }
        if (index.chunks().size() > MAX_CHUNKS) {
            throw new InvalidPackException(
                    "too many chunks: " + index.chunks().size() + " (at most " + MAX_CHUNKS + ")");
        }
        long total = 0;
        for (int i = 0; i < index.chunks().size(); i++) {
            Chunk chunk = index.chunks().get(i);
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
        if (total != index.size()) {
            throw new InvalidPackException("the chunks add up to " + total + " bytes, the index says " + index.size());
        }
        return index;
    }
}
