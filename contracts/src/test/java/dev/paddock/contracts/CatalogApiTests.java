package dev.paddock.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.contracts.catalog.CatalogApi;
import org.junit.jupiter.api.Test;

class CatalogApiTests {

    @Test
    void buildsTheManifestPathsTheCatalogServes() {
        assertThat(CatalogApi.catalog("macos")).isEqualTo("/api/v1/catalog/macos");
        assertThat(CatalogApi.manifest("macos", "15.1", "arm64")).isEqualTo("/api/v1/catalog/macos/15.1/arm64");
        assertThat(CatalogApi.download("macos", "latest", "arm64"))
                .isEqualTo("/api/v1/catalog/macos/latest/arm64/download");
        assertThat(CatalogApi.manifest("macos", "15.1", "arm64", "taint"))
                .isEqualTo("/api/v1/catalog/macos/15.1/arm64/taint");
        assertThat(CatalogApi.chunk("ab12")).isEqualTo("/api/v1/catalog/chunks/ab12");
    }

    @Test
    void aNameStaysOneSegmentAndAnEmptyOneIsRefused() {
        assertThat(CatalogApi.catalog("a/b c")).isEqualTo("/api/v1/catalog/a%2Fb%20c");
        assertThatThrownBy(() -> CatalogApi.manifest("macos", "", "arm64"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
