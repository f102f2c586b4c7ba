package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.paddock.catalog.CatalogProperties;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Exactly one storage provider's bean is made: the one {@code paddock.catalog.storage.provider} names. */
class ChunkStorageProvidersTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CatalogProperties.class)
    static class Settings {}

    @TempDir
    Path storage;

    ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, LocalChunkStorage.Provider.class, S3ChunkStorage.Provider.class)
                .withPropertyValues("paddock.catalog.storage.local.path=" + storage);
    }

    @Test
    void keepsBytesOnLocalDiskWhenNoProviderIsNamed() {
        context().run(context -> {
            assertThat(context).getBean(ChunkStorage.class).isInstanceOf(LocalChunkStorage.class);
            assertThat(context.getBean(ChunkStorage.class).provider()).isEqualTo("local");
            assertThat(storage.resolve("manifests")).isDirectory();
        });
    }

    @Test
    void keepsBytesOnLocalDiskWhenLocalIsNamed() {
        context()
                .withPropertyValues("paddock.catalog.storage.provider=local")
                .run(context -> assertThat(context)
                        .hasSingleBean(ChunkStorage.class)
                        .getBean(ChunkStorage.class)
                        .isInstanceOf(LocalChunkStorage.class));
    }

    @Test
    void keepsBytesInABucketWhenS3IsNamed() {
        context()
                .withPropertyValues(
                        "paddock.catalog.storage.provider=s3",
                        "paddock.catalog.storage.s3.bucket=images",
                        "paddock.catalog.storage.s3.endpoint=http://127.0.0.1:1",
                        "paddock.catalog.storage.s3.access-key=key",
                        "paddock.catalog.storage.s3.secret-key=secret")
                .run(context -> {
                    assertThat(context).hasSingleBean(ChunkStorage.class);
                    assertThat(context.getBean(ChunkStorage.class).provider()).isEqualTo("s3");
                    assertThat(storage.resolve("manifests")).doesNotExist();
                });
    }

    @Test
    void refusesS3WithoutABucket() {
        context()
                .withPropertyValues("paddock.catalog.storage.provider=s3")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("paddock.catalog.storage.provider=s3 needs paddock.catalog.storage.s3.bucket"));
    }

    @Test
    void stopsTheServiceAtStartForAProviderNobodyOffers() {
        context()
                .withPropertyValues("paddock.catalog.storage.provider=azure")
                .withUserConfiguration(Chunks.class)
                .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasRootCauseInstanceOf(NoSuchBeanDefinitionException.class)
                        .rootCause()
                        .hasMessageContaining(ChunkStorage.class.getName()));
    }
}
