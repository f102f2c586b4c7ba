package dev.paddock.catalog.chunk;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * Where chunk bytes live: a local folder, an S3 bucket, later Azure Blob or Artifactory. Callers hand over chunks
 * already verified; a provider only stores and serves bytes under their digest. Implementations are thread-safe and
 * make a chunk visible only once it is complete.
 */
public interface ChunkStorage {

    /** A short name for messages and metrics ({@code local}, {@code s3}). */
    String provider();

    Set<String> missing(Collection<String> digests) throws IOException;

    void put(String digest, byte[] stored) throws IOException;

    /** @throws java.nio.file.NoSuchFileException if the chunk is not stored */
    byte[] get(String digest) throws IOException;
}
