package dev.paddock.catalog.chunk;

import dev.paddock.catalog.CatalogProperties;
import java.io.IOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Objects in an S3 bucket (AWS or any S3-compatible endpoint): {@code <prefix>chunks/<aa>/<digest>.zst} and
 * {@code <prefix>manifests/<catalog>/<version>/<arch>.json}. Chunks are at most 64 MiB, so each is one PUT; the pack's
 * chunking does what multipart uploads do for one big object (parallel parts, each retried alone).
 */
final class S3ChunkStorage implements ChunkStorage, AutoCloseable {

    /** Chosen by {@code paddock.catalog.storage.provider=s3}; its settings are {@code paddock.catalog.storage.s3.*}. */
    @Configuration(proxyBeanMethods = false)
    static class Provider {

        @Bean
        @ConditionalOnProperty(prefix = "paddock.catalog.storage", name = "provider", havingValue = "s3")
        S3ChunkStorage s3ChunkStorage(CatalogProperties properties) {
            return new S3ChunkStorage(properties.storage().s3());
        }
    }

    /** HEADs in flight when asking which of many chunks exist (a commit of a 140 GB image checks ~35,000). */
    private static final int HEAD_CONCURRENCY = 32;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final boolean presignDownloads;
    private final ExecutorService heads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore headPermits = new Semaphore(HEAD_CONCURRENCY);

    S3ChunkStorage(CatalogProperties.S3 settings) {
        if (settings.bucket().isBlank()) {
            throw new IllegalStateException(
                    "paddock.catalog.storage.provider=s3 needs paddock.catalog.storage.s3.bucket");
        }
        AwsCredentialsProvider credentials = settings.hasStaticKey()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(settings.region());
        S3Configuration style = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.pathStyle())
                .build();
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2))
                        .build());
        var presign = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(style);
        URI endpoint = settings.endpointUri();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
            presign.endpointOverride(endpoint);
        }
        this.s3 = builder.build();
        this.presigner = presign.build();
        this.bucket = settings.bucket();
        this.presignDownloads = settings.presignDownloads();
        this.prefix = settings.folder();
    }

    @Override
    public String provider() {
        return "s3";
    }

    @Override
    public Set<String> missing(Collection<String> digests) throws IOException {
        List<Future<@Nullable String>> answers = new ArrayList<>();
        for (String digest : digests) {
            answers.add(heads.submit(() -> exists(chunkKey(digest)) ? null : digest));
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Future<@Nullable String> answer : answers) {
            try {
                String digest = answer.get();
                if (digest != null) {
                    missing.add(digest);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while asking S3 which chunks exist", e);
            } catch (ExecutionException e) {
                throw new IOException(
                        "S3 could not say which chunks exist: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return missing;
    }

    @Override
    public void put(String digest, byte[] stored) throws IOException {
        putObject(chunkKey(digest), stored, "application/zstd");
    }

    @Override
    public byte[] get(String digest) throws IOException {
        return getObject(chunkKey(digest));
    }

    @Override
    public void delete(String digest) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(chunkKey(digest)));
        } catch (SdkException e) {
            throw new IOException("S3 delete of chunk " + digest + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void putDescriptor(String key, byte[] content) throws IOException {
        putObject(prefix + "manifests/" + key, content, "application/json");
    }

    @Override
    public byte[] getDescriptor(String key) throws IOException {
        return getObject(prefix + "manifests/" + key);
    }

    @Override
    public void deleteDescriptor(String key) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(prefix + "manifests/" + key));
        } catch (SdkException e) {
            throw new IOException("S3 delete of " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** A presigned GET valid for 15 minutes, so pulls fetch from the bucket rather than through the catalog. */
    @Override
    public Optional<URI> directDownload(String digest) {
        if (!presignDownloads) {
            return Optional.empty();
        }
        return Optional.of(URI.create(presigner
                .presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(15))
                        .getObjectRequest(get -> get.bucket(bucket).key(chunkKey(digest))))
                .url()
                .toString()));
    }

    @Override
    public void close() {
        heads.close();
        presigner.close();
        s3.close();
    }

    private boolean exists(String key) throws InterruptedException {
        headPermits.acquire();
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        } finally {
            headPermits.release();
        }
    }

    private void putObject(String key, byte[] content, String type) throws IOException {
        try {
            s3.putObject(
                    request -> request.bucket(bucket).key(key).contentType(type).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("S3 upload of " + key + " failed: " + e.getMessage(), e);
        }
    }

    private byte[] getObject(String key) throws IOException {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(key);
            }
            throw new IOException("S3 download of " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 download of " + key + " failed: " + e.getMessage(), e);
        }
    }

    private String chunkKey(String digest) {
        return prefix + "chunks/" + digest.substring(0, 2) + "/" + digest + ".zst";
    }
}
