package dev.paddock.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the catalog ({@code paddock.catalog.*}). Chunk limits are not settings: a chunk's largest size belongs
 * to the pack format (ADR 0200), which every client and agent shares.
 *
 * @param storage where chunks and manifest descriptors are kept
 * @param gc when unreferenced chunks are collected (ADR 0201)
 */
@Validated
@ConfigurationProperties("paddock.catalog")
public record CatalogProperties(
        @DefaultValue @Valid Storage storage,
        @DefaultValue @Valid GarbageCollection gc) {

    /**
     * @param provider the name of the storage provider whose bean keeps the bytes: {@code local} or {@code s3} as
     *     shipped; a provider added later brings its own name and settings under {@code paddock.catalog.storage.<name>}
     * @param local settings of the {@code local} provider
     * @param s3 settings of the {@code s3} provider
     */
    public record Storage(
            @DefaultValue("local") @NotBlank String provider,
            @DefaultValue @Valid Local local,
            @DefaultValue @Valid S3 s3) {}

    /** @param path the folder holding {@code chunks/} and {@code manifests/}, created when missing */
    public record Local(
            @DefaultValue(".paddock-data/catalog/storage") @NotNull Path path) {}

    /**
     * Blank strings count as unset, so a deployment may pass an empty environment variable for an optional value.
     *
     * @param bucket the bucket; required when the provider is {@code s3}
     * @param region the bucket's AWS region (S3-compatible servers mostly ignore it)
     * @param endpoint an S3-compatible endpoint (MinIO, S3Mock...); AWS when blank
     * @param accessKey with {@code secretKey}, a static key; the AWS default credential chain when blank
     * @param secretKey the static key's secret
     * @param prefix a folder in the bucket under which {@code chunks/} and {@code manifests/} are kept; the bucket's
     *     root when blank
     * @param pathStyle bucket in the path rather than the host name (most S3-compatible servers need it)
     * @param presignDownloads answer chunk downloads with a 307 to a presigned URL, so pull traffic goes from the bucket
     *     to the host directly
     */
    public record S3(
            @DefaultValue("") String bucket,
            @DefaultValue("us-east-1") String region,
            @DefaultValue("") String endpoint,
            @DefaultValue("") String accessKey,
            @DefaultValue("") String secretKey,
            @DefaultValue("") String prefix,
            @DefaultValue("false") boolean pathStyle,
            @DefaultValue("false") boolean presignDownloads) {

        /** The endpoint to call instead of AWS, if one is set. */
        public @Nullable URI endpointUri() {
            return endpoint.isBlank() ? null : URI.create(endpoint);
        }

        /** Whether a static key is configured rather than the default credential chain. */
        public boolean hasStaticKey() {
            return !accessKey.isBlank();
        }

        /** The prefix as a folder ({@code catalog/}), or empty for the bucket's root. */
        public String folder() {
            return prefix.isBlank() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        }
    }

    /**
     * @param grace a chunk no manifest references is removed only once nobody uploaded it or relied on it for this
     *     long, so pushes under way keep theirs
     * @param interval time between scheduled collections (the first runs one interval after start)
     */
    public record GarbageCollection(
            @DefaultValue("6h") @NotNull @DurationMin(seconds = 0)
            Duration grace,

            @DefaultValue("1h") @NotNull @DurationMin(seconds = 1)
            Duration interval) {}
}
