package dev.paddock.catalog.chunk;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Where the catalog's bytes live: a local folder, an S3 bucket, later Azure Blob or Artifactory. Two kinds of objects:
 * chunks, named by the SHA-256 of their content and handed over already verified, and descriptors, small JSON
 * documents (one per manifest) from which the catalog can be rebuilt. Implementations are thread-safe and make an
 * object visible only once it is complete; callers never see which provider they use.
 *
 * <p>Each provider is one class that carries its own bean, made only when {@code paddock.catalog.storage.provider}
 * names it ({@code @ConditionalOnProperty}, see {@code LocalChunkStorage} and {@code S3ChunkStorage}); a new provider
 * adds that class and a settings record under {@code paddock.catalog.storage.<name>} and changes no other (ADR 0203).
 */
public interface ChunkStorage {

    /** A short name for messages and metrics ({@code local}, {@code s3}). */
    String provider();

    Set<String> missing(Collection<String> digests) throws IOException;

    void put(String digest, byte[] stored) throws IOException;

    /** @throws java.nio.file.NoSuchFileException if the chunk is not stored */
    byte[] get(String digest) throws IOException;

    /**
     * A short-lived URL the client may fetch the chunk from directly (bytes then skip the catalog), if this provider
     * offers one and is configured to. Safe because the client verifies every chunk against its name.
     */
    default Optional<URI> directDownload(String digest) {
        return Optional.empty();
    }

    /** Removes a chunk; removing one that is not there is not an error. */
    void delete(String digest) throws IOException;

    /** @param key a relative path of safe segments, e.g. {@code macos/15.1/arm64.json} */
    void putDescriptor(String key, byte[] content) throws IOException;

    /** @throws java.nio.file.NoSuchFileException if there is no such descriptor */
    byte[] getDescriptor(String key) throws IOException;

    void deleteDescriptor(String key) throws IOException;
}
