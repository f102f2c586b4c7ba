package dev.paddock.catalog.chunk;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.pack.Codec;
import dev.paddock.pack.Digests;
import dev.paddock.pack.InvalidPackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Checks what clients send before it reaches storage: well-formed digests, sane sizes, content matching its name. */
@Service
public class Chunks {

    /** Chunks are at most 64 MiB of content; compressed they can be a little larger than that (incompressible data). */
    public static final int MAX_STORED_SIZE = 64 * 1024 * 1024 + 64 * 1024;

    static final int MAX_CHUNK_CONTENT = 64 * 1024 * 1024;
    static final int MAX_DIGESTS_PER_QUESTION = 10_000;

    private final ChunkStorage storage;

    Chunks(ChunkStorage storage) {
        this.storage = storage;
    }

    public Set<String> missing(List<String> digests) {
        if (digests.size() > MAX_DIGESTS_PER_QUESTION) {
            throw ProblemException.badRequest(
                    "too-many-digests",
                    "Ask about at most " + MAX_DIGESTS_PER_QUESTION + " chunks at once (got " + digests.size() + ").");
        }
        digests.forEach(Chunks::requireDigest);
        try {
            return storage.missing(digests);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a chunk after decompressing it and checking that its content hashes to {@code digest}. */
    public void put(String digest, byte[] stored) {
        requireDigest(digest);
        try {
            Codec.open(digest, stored, MAX_CHUNK_CONTENT);
        } catch (InvalidPackException e) {
            throw ProblemException.badRequest("chunk-rejected", e.getMessage() + "; the chunk was not stored.");
        }
        try {
            storage.put(digest, stored);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] get(String digest) {
        requireDigest(digest);
        try {
            return storage.get(digest);
        } catch (NoSuchFileException e) {
            throw ProblemException.notFound("chunk-not-found", "No chunk " + digest + " in the catalog.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireDigest(String digest) {
        if (!Digests.isSha256(digest)) {
            throw ProblemException.badRequest(
                    "invalid-digest", "'" + digest + "' is not a chunk name (64 lowercase hex digits of SHA-256).");
        }
    }
}
