package dev.paddock.catalog.chunk;

import dev.paddock.pack.DirectoryChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Objects in a folder on the catalog's disk (the embedded default): {@code chunks/} and {@code manifests/}. */
final class LocalChunkStorage implements ChunkStorage {

    private final DirectoryChunkStore chunks;
    private final Path descriptors;

    LocalChunkStorage(Path root) throws IOException {
        this.chunks = new DirectoryChunkStore(root.resolve("chunks"));
        this.descriptors = Files.createDirectories(root.resolve("manifests"));
    }

    @Override
    public String provider() {
        return "local";
    }

    @Override
    public Set<String> missing(Collection<String> digests) {
        return chunks.missing(digests);
    }

    @Override
    public void put(String digest, byte[] stored) throws IOException {
        // DirectoryChunkStore verifies again; the cost is small beside the upload and keeps the folder trustworthy
        // even if another writer shares it.
        chunks.put(digest, stored);
    }

    @Override
    public byte[] get(String digest) throws IOException {
        return chunks.get(digest);
    }

    @Override
    public void delete(String digest) throws IOException {
        chunks.delete(digest);
    }

    @Override
    public void putDescriptor(String key, byte[] content) throws IOException {
        Path target = descriptor(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("." + UUID.randomUUID() + ".partial");
        Files.write(partial, content);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public byte[] getDescriptor(String key) throws IOException {
        return Files.readAllBytes(descriptor(key));
    }

    @Override
    public void deleteDescriptor(String key) throws IOException {
        Files.deleteIfExists(descriptor(key));
    }

    private Path descriptor(String key) {
        Path path = descriptors.resolve(key).normalize();
        if (!path.startsWith(descriptors)) {
            throw new IllegalArgumentException("descriptor key '" + key + "' leaves the storage folder");
        }
        return path;
    }
}
