package dev.paddock.catalog.chunk;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the storage provider ({@code paddock.catalog.storage.provider}): {@code local} (the embedded default) or
 * {@code s3}. A new provider (Azure Blob, Artifactory) is one more {@link ChunkStorage} and one more case here; no
 * caller changes.
 */
@Configuration(proxyBeanMethods = false)
class ChunkStorageConfiguration {

    @Bean
    ChunkStorage chunkStorage(
            @Value("${paddock.catalog.storage.provider:local}") String provider,
            @Value("${paddock.catalog.storage.local.path:.paddock-data/catalog/storage}") Path localPath,
            @Value("${paddock.catalog.storage.s3.bucket:}") String bucket,
            @Value("${paddock.catalog.storage.s3.region:us-east-1}") String region,
            @Value("${paddock.catalog.storage.s3.endpoint:}") String endpoint,
            @Value("${paddock.catalog.storage.s3.access-key:}") String accessKey,
            @Value("${paddock.catalog.storage.s3.secret-key:}") String secretKey,
            @Value("${paddock.catalog.storage.s3.prefix:}") String prefix,
            @Value("${paddock.catalog.storage.s3.path-style:false}") boolean pathStyle,
            @Value("${paddock.catalog.storage.s3.presign-downloads:false}") boolean presignDownloads)
            throws IOException {
        return switch (provider) {
            case "local" -> new LocalChunkStorage(localPath);
            case "s3" -> {
                if (bucket.isBlank()) {
                    throw new IllegalStateException(
                            "paddock.catalog.storage.provider=s3 needs paddock.catalog.storage.s3.bucket");
                }
                yield new S3ChunkStorage(new S3ChunkStorage.S3Settings(
                        bucket,
                        region,
                        endpoint.isBlank() ? null : URI.create(endpoint),
                        blankToNull(accessKey),
                        blankToNull(secretKey),
                        prefix,
                        pathStyle,
                        presignDownloads));
            }
            default ->
                throw new IllegalStateException(
                        "paddock.catalog.storage.provider '" + provider + "' is not supported; use 'local' or 's3'");
        };
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
