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
}
