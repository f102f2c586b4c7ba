package dev.paddock.edge.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.gateway.Upstream;
import org.junit.jupiter.api.Test;

class RouteTableTests {

    private final Upstream orchestrator = new Upstream("orchestrator", "o", 1);
    private final Upstream catalog = new Upstream("catalog", "c", 2);
    private final Upstream edge = new Upstream("edge", "e", 3);
    private final RouteTable routes = new RouteTable(orchestrator, catalog, edge);

    @Test
    void sendsCatalogPathsToTheCatalogAndTheRestOfTheApiToTheOrchestrator() {
        assertThat(routes.resolve("/api/v1/catalog/x/1/arm64").upstream()).isEqualTo(catalog);
        assertThat(routes.resolve("/api/v1/catalog").upstream()).isEqualTo(catalog);
        assertThat(routes.resolve("/api/v1/catalogs").upstream()).isEqualTo(orchestrator);
        assertThat(routes.resolve("/api/v1/orchestrator/machines").upstream()).isEqualTo(orchestrator);
        assertThat(routes.resolve("/api/v1/reverse-proxy/hosts").upstream()).isEqualTo(edge);
    }

    @Test
    void rewritesUnversionedPathsToV1AndKeepsTheQuery() {
        assertThat(routes.resolve("/api/auth/token?x=1").path()).isEqualTo("/api/v1/auth/token?x=1");
        assertThat(routes.resolve("/api/catalog").path()).isEqualTo("/api/v1/catalog");
    }

    @Test
    void mapsEachServicesApiDocument() {
        assertThat(routes.resolve("/v3/api-docs/catalog").upstream()).isEqualTo(catalog);
        assertThat(routes.resolve("/v3/api-docs/catalog").path()).isEqualTo("/v3/api-docs");
        assertThat(routes.resolve("/swagger-ui/index.html").upstream()).isEqualTo(edge);
    }

    @Test
    void refusesPathsOutsideTheApiAndTraversal() {
        assertThat(routes.resolve("/")).isNull();
        assertThat(routes.resolve("/etc/passwd")).isNull();
        assertThat(routes.resolve("/api/v1/../../secret")).isNull();
    }
}
