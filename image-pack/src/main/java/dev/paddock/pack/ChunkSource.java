package dev.paddock.pack;

import java.io.IOException;

/** Where a pull gets chunks from. Implementations are thread-safe; the bytes are verified by the caller. */
public interface ChunkSource {

    /** The compressed chunk, as stored. */
    byte[] get(String digest) throws IOException;

    /**
     * Told that a chunk this source returned was verified (its content hashes to its name), so a cache can keep it
     * without checking it a second time.
     */
    default void verified(String digest, byte[] stored) throws IOException {}

    /**
     * Told that a chunk this source returned failed verification; the reader asks once more. A cache drops its copy
     * (a file torn by a crash) so that the second attempt goes to the catalog.
     */
    default void rejected(String digest) throws IOException {}
}
