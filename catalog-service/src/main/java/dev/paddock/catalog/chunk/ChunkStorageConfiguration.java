package dev.paddock.catalog.chunk;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the storage provider ({@code paddock.catalog.storage.provider}; {@code local} is the embedded default). */
@Configuration(proxyBeanMethods = false)
class ChunkStorageConfiguration {

    @Bean
    ChunkStorage chunkStorage(
            @Value("${paddock.catalog.storage.provider:local}") String provider,
            @Value("${paddock.catalog.storage.local.path:.paddock-data/catalog/storage}") Path localPath)
            throws IOException {
        return switch (provider) {
            case "local" -> new LocalChunkStorage(localPath);
            default ->
                throw new IllegalStateException("paddock.catalog.storage.provider '" + provider
                        + "' is not supported; use 'local' (S3 comes with the catalog issue's next step)");
        };
    }
}
