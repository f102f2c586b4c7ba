package dev.paddock.pack;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/** Where a push puts chunks: the catalog over HTTP, a local directory, a bucket. Implementations are thread-safe. */
public interface ChunkStore {

    /** Of these digests, the ones the store does not hold yet. */
    Set<String> missing(Collection<String> digests) throws IOException;

    /** Stores one compressed chunk; storing a chunk that is already there is harmless. */
    void put(String digest, byte[] stored) throws IOException;

    /**
     * Stores the first {@code length} bytes of {@code buffer} as one compressed chunk. The caller reuses the buffer
     * once this returns; stores that can write from it directly override this to avoid a copy.
     */
    default void put(String digest, byte[] buffer, int length) throws IOException {
        put(digest, java.util.Arrays.copyOf(buffer, length));
    }
}
