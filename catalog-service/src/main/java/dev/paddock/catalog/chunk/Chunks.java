package dev.paddock.catalog.chunk;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.pack.Codec;
import dev.paddock.pack.Digests;
import dev.paddock.pack.InvalidPackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The catalog's chunks: checks what clients send before it reaches storage (well-formed digests, sane sizes, content
 * matching its name) and keeps the ledger the garbage collector works from.
 */
@Service
public class Chunks {

    /** Chunks are at most 64 MiB of content; compressed they can be a little larger than that (incompressible data). */
    public static final int MAX_STORED_SIZE = 64 * 1024 * 1024 + 64 * 1024;

    static final int MAX_CHUNK_CONTENT = 64 * 1024 * 1024;
    static final int MAX_DIGESTS_PER_QUESTION = 10_000;

    /** Advisory lock key: committers hold it shared, the collector exclusively (ADR 0201). */
    static final long COLLECTION_LOCK = 0x7061_6464_6763L;

    private final ChunkStorage storage;
    private final JdbcTemplate jdbc;

    Chunks(ChunkStorage storage, JdbcTemplate jdbc) {
        this.storage = storage;
        this.jdbc = jdbc;
    }

    public String provider() {
        return storage.provider();
    }

    /**
     * Which of these chunks a pusher must upload. The ones present are marked as just used, so the collector leaves
     * them alone while the push that relies on them is under way.
     */
    public Set<String> missing(List<String> digests) {
        if (digests.size() > MAX_DIGESTS_PER_QUESTION) {
            throw ProblemException.badRequest(
                    "too-many-digests",
                    "Ask about at most " + MAX_DIGESTS_PER_QUESTION + " chunks at once (got " + digests.size() + ").");
        }
        digests.forEach(Chunks::requireDigest);
        Set<String> missing = missingInStorage(digests);
        List<String> present =
                digests.stream().filter(d -> !missing.contains(d)).distinct().toList();
        if (!present.isEmpty()) {
            jdbc.update("update catalog_chunks set touched_at = now() where digest = any(?::text[])", (Object)
                    present.toArray(String[]::new));
        }
        return missing;
    }

    /** Stores a chunk after decompressing it and checking that its content hashes to {@code digest}. */
    public void put(String digest, byte[] stored) {
        requireDigest(digest);
        try {
            Codec.open(digest, stored, MAX_CHUNK_CONTENT);
        } catch (InvalidPackException e) {
            throw ProblemException.badRequest("chunk-rejected", e.getMessage() + "; the chunk was not stored.");
        }
        // The ledger row comes first: a chunk in storage that the ledger does not know could never be collected.
        jdbc.update(
                "insert into catalog_chunks (digest, stored_size, touched_at) values (?, ?, now()) "
                        + "on conflict (digest) do update set stored_size = excluded.stored_size, touched_at = now()",
                digest,
                stored.length);
        try {
            storage.put(digest, stored);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                // Nothing half-written stays (the store writes aside and renames); the chunk stays missing, so the
                // pusher sends it again once there is room; its ledger row goes with the next collection.
                throw storageFull("chunk " + digest);
            }
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException storageFull(String what) {
        return new ProblemException(
                HttpStatus.INSUFFICIENT_STORAGE,
                "storage-full",
                "Catalog storage full",
                "The catalog's storage has no space left, so " + what + " was not stored. Free space (deleting images "
                        + "lets the collector reclaim their chunks) or grow the volume, then push again: chunks already "
                        + "stored are not sent twice.");
    }

    /** ENOSPC as the JDK reports it on Linux and macOS: an {@code IOException} carrying strerror's text. */
    static boolean isDiskFull(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** Where the client may fetch a chunk from directly, when the storage offers it (see {@link ChunkStorage}). */
    public Optional<java.net.URI> directDownload(String digest) {
        requireDigest(digest);
        return storage.directDownload(digest);
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

    /**
     * Keeps the collector away until the calling transaction ends. A commit calls this before checking that its
     * chunks are stored, so nothing it checked can disappear before the manifest referencing them is visible.
     */
    public void holdOffCollection() {
        jdbc.queryForList("select pg_advisory_xact_lock_shared(?)", COLLECTION_LOCK);
    }

    /** The digests among these that storage does not hold, asked in batches of any size. */
    public Set<String> missingInStorage(Collection<String> digests) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(digests));
        Set<String> missing = new LinkedHashSet<>();
        try {
            for (int from = 0; from < all.size(); from += MAX_DIGESTS_PER_QUESTION) {
                missing.addAll(
                        storage.missing(all.subList(from, Math.min(all.size(), from + MAX_DIGESTS_PER_QUESTION))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return missing;
    }

    /** Bytes these distinct chunks occupy in storage, as uploaded. */
    public long storedSize(Collection<String> digests) {
        Long size = jdbc.queryForObject(
                "select coalesce(sum(stored_size), 0) from catalog_chunks where digest = any(?::text[])",
                Long.class,
                (Object) digests.toArray(String[]::new));
        return size == null ? 0 : size;
    }

    public void putDescriptor(String key, byte[] content) {
        try {
            storage.putDescriptor(key, content);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw storageFull("the image's descriptor " + key);
            }
            throw new UncheckedIOException(e);
        }
    }

    public Optional<byte[]> descriptor(String key) {
        try {
            return Optional.of(storage.getDescriptor(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteDescriptor(String key) {
        try {
            storage.deleteDescriptor(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireDigest(String digest) {
        if (!Digests.isSha256(digest)) {
            throw ProblemException.badRequest(
                    "invalid-digest", "'" + digest + "' is not a chunk name (64 lowercase hex digits of SHA-256).");
        }
    }
}
