package dev.paddock.catalog.chunk;

import dev.paddock.catalog.CatalogProperties;
import dev.paddock.pack.DirectoryChunkStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Objects in a folder on the catalog's disk (the embedded default): {@code chunks/} and {@code manifests/}. Descriptor
 * keys cannot leave the folder.
 */
final class LocalChunkStorage implements ChunkStorage {

    /** Chosen by {@code paddock.catalog.storage.provider=local}, or when no provider is named. */
    @Configuration(proxyBeanMethods = false)
    static class Provider {

        @Bean
        @ConditionalOnProperty(
                prefix = "paddock.catalog.storage",
                name = "provider",
                havingValue = "local",
                matchIfMissing = true)
        LocalChunkStorage localChunkStorage(CatalogProperties properties) throws IOException {
            return new LocalChunkStorage(properties.storage().local().path());
        }
    }

    private final DirectoryChunkStore chunks;
    private final Path descriptors;

    LocalChunkStorage(Path root) throws IOException {
        this.chunks = new DirectoryChunkStore(root.resolve("chunks"));
        // Absolute and normalised, so the containment check below compares like with like (a root of ./x would
        // otherwise refuse every key).
        this.descriptors = Files.createDirectories(root.resolve("manifests"))
                .toAbsolutePath()
                .normalize();
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
        try {
            Files.write(partial, content);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
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

    /** Where a descriptor lives; a key that would leave the descriptor folder is refused. */
    Path descriptor(String key) {
        Path path = descriptors.resolve(key).normalize();
        if (!path.startsWith(descriptors) || path.equals(descriptors)) {
            throw new IllegalArgumentException("descriptor key '" + key + "' leaves the storage folder");
        }
        return path;
    }
}
