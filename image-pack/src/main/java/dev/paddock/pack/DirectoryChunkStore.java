package dev.paddock.pack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Chunks as files in a folder, {@code <root>/<first two hex digits>/<digest>.zst}: the catalog's local provider and a
 * host's pack cache. A chunk is written under a temporary name and renamed, so a reader never sees half of one, and a
 * chunk is accepted only if its content hashes to its name.
 */
public final class DirectoryChunkStore implements ChunkStore, ChunkSource {

    private final Path root;
    private final int maxChunkSize;

    public DirectoryChunkStore(Path root) throws IOException {
        this(root, PackIndexRules.MAX_CHUNK_SIZE);
    }

    public DirectoryChunkStore(Path root, int maxChunkSize) throws IOException {
        this.root = Files.createDirectories(root);
        this.maxChunkSize = maxChunkSize;
    }

    public Path pathOf(String digest) {
        if (!Digests.isSha256(digest)) {
            throw new InvalidPackException("'" + digest + "' is not a SHA-256 digest");
        }
        return root.resolve(digest.substring(0, 2)).resolve(digest + ".zst");
    }

    /** Removes a chunk; a chunk that is not there is not an error. */
    public void delete(String digest) throws IOException {
        Files.deleteIfExists(pathOf(digest));
    }

    public boolean has(String digest) {
        return Files.exists(pathOf(digest));
    }

    @Override
    public Set<String> missing(Collection<String> digests) {
        Set<String> missing = new LinkedHashSet<>();
        for (String digest : digests) {
            if (!has(digest)) {
                missing.add(digest);
            }
        }
        return missing;
    }

    /** Stores a chunk after checking that its content hashes to its name. */
    @Override
    public void put(String digest, byte[] stored) throws IOException {
        put(digest, stored, stored.length);
    }

    @Override
    public void put(String digest, byte[] buffer, int length) throws IOException {
        Codec.verify(digest, buffer, length, maxChunkSize);
        write(digest, buffer, length);
    }

    /** Stores a chunk the caller has just verified itself (see {@link ChunkSource#verified}). */
    void putVerified(String digest, byte[] stored) throws IOException {
        write(digest, stored, stored.length);
    }

    private void write(String digest, byte[] stored, int length) throws IOException {
        Path path = pathOf(digest);
        if (Files.exists(path)) {
            return;
        }
        Files.createDirectories(path.getParent());
        Path temporary = path.resolveSibling(digest + "." + UUID.randomUUID() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            out.write(stored, 0, length);
        } catch (IOException e) {
            // A disk that filled up mid-write leaves no partial file behind to hold the space.
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public byte[] get(String digest) throws IOException {
        try {
            return Files.readAllBytes(pathOf(digest));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(digest, null, "no such chunk in " + root);
        }
    }
}
