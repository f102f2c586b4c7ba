package dev.paddock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The catalog's settings bound as the service binds them: names, defaults and what is refused at start. */
class CatalogPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CatalogProperties.class)
    static class Settings {}

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsToLocalStorageAndCollectingHourlyWithASixHourGrace() {
        context.run(context -> {
            CatalogProperties properties = context.getBean(CatalogProperties.class);

            assertThat(properties.storage().provider()).isEqualTo("local");
            assertThat(properties.storage().local().path()).isEqualTo(Path.of(".paddock-data/catalog/storage"));
            CatalogProperties.S3 s3 = properties.storage().s3();
            assertThat(s3.bucket()).isEmpty();
            assertThat(s3.region()).isEqualTo("us-east-1");
            assertThat(s3.endpointUri()).isNull();
            assertThat(s3.hasStaticKey()).isFalse();
            assertThat(s3.folder()).isEmpty();
            assertThat(s3.pathStyle()).isFalse();
            assertThat(s3.presignDownloads()).isFalse();
            assertThat(properties.gc().grace()).isEqualTo(Duration.ofHours(6));
            assertThat(properties.gc().interval()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void bindsEverySettingByItsDocumentedName() {
        context.withPropertyValues(
                        "paddock.catalog.storage.provider=s3",
                        "paddock.catalog.storage.local.path=/var/lib/paddock",
                        "paddock.catalog.storage.s3.bucket=images",
                        "paddock.catalog.storage.s3.region=eu-west-1",
                        "paddock.catalog.storage.s3.endpoint=http://minio:9000",
                        "paddock.catalog.storage.s3.access-key=key",
                        "paddock.catalog.storage.s3.secret-key=secret",
                        "paddock.catalog.storage.s3.prefix=catalog",
                        "paddock.catalog.storage.s3.path-style=true",
                        "paddock.catalog.storage.s3.presign-downloads=true",
                        "paddock.catalog.gc.grace=0s",
                        "paddock.catalog.gc.interval=15m")
                .run(context -> {
                    CatalogProperties properties = context.getBean(CatalogProperties.class);
                    CatalogProperties.S3 s3 = properties.storage().s3();

                    assertThat(properties.storage().provider()).isEqualTo("s3");
                    assertThat(properties.storage().local().path()).isEqualTo(Path.of("/var/lib/paddock"));
                    assertThat(s3.bucket()).isEqualTo("images");
                    assertThat(s3.region()).isEqualTo("eu-west-1");
                    assertThat(s3.endpointUri()).hasToString("http://minio:9000");
                    assertThat(s3.hasStaticKey()).isTrue();
                    assertThat(s3.accessKey()).isEqualTo("key");
                    assertThat(s3.secretKey()).isEqualTo("secret");
                    assertThat(s3.folder()).isEqualTo("catalog/");
                    assertThat(s3.pathStyle()).isTrue();
                    assertThat(s3.presignDownloads()).isTrue();
                    assertThat(properties.gc().grace()).isZero();
                    assertThat(properties.gc().interval()).isEqualTo(Duration.ofMinutes(15));
                });
    }

    @ParameterizedTest(name = "prefix ''{0}'' -> ''{1}''")
    @CsvSource({"'', ''", "' ', ''", "catalog, catalog/", "catalog/, catalog/", "a/b, a/b/"})
    void treatsTheS3PrefixAsAFolder(String prefix, String folder) {
        context.withPropertyValues("paddock.catalog.storage.s3.prefix=" + prefix)
                .run(context -> assertThat(context.getBean(CatalogProperties.class)
                                .storage()
                                .s3()
                                .folder())
                        .isEqualTo(folder));
    }

    @Test
    void treatsBlankOptionalS3SettingsAsUnset() {
        context.withPropertyValues("paddock.catalog.storage.s3.endpoint=", "paddock.catalog.storage.s3.access-key= ")
                .run(context -> {
                    CatalogProperties.S3 s3 =
                            context.getBean(CatalogProperties.class).storage().s3();
                    assertThat(s3.endpointUri()).isNull();
                    assertThat(s3.hasStaticKey()).isFalse();
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "paddock.catalog.gc.grace=-1s, gc.grace",
        "paddock.catalog.gc.interval=0s, gc.interval",
        "paddock.catalog.gc.interval=-5m, gc.interval",
        "paddock.catalog.storage.provider=, storage.provider"
    })
    void refusesToStartWithSettingsThatCannotWork(String setting, String field) {
        context.withPropertyValues(setting)
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(field));
    }
}
