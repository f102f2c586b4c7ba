package dev.paddock.pack;

import java.io.IOException;

/** Where a pull gets chunks from. Implementations are thread-safe; the bytes are verified by the caller. */
public interface ChunkSource {

    /** The compressed chunk, as stored. */
    byte[] get(String digest) throws IOException;
}
