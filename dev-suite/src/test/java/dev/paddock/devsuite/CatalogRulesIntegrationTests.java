package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Catalog rules end to end that do not depend on the storage provider (on the shared suite, local storage): taint and
 * revoke as a puller sees them, a push interrupted by an agent crash, and requests refused before anything moves.
 */
@ResourceLock(SharedSuite.LOCK)
class CatalogRulesIntegrationTests extends CatalogEndToEnd {

    @Override
    LocalSuite suite() {
        return SharedSuite.get();
    }

    @Test
    void aTaintedImageIsRefusedWith400AndARevokedOneWith403() throws Exception {
        Path source = goldenVm(ARM, "taint-src", 13);
        assertThat(push(ARM, source, "taintable", "1").status()).isEqualTo(200);
        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/taint", null, root);

        Response tainted =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "taintable", "version", "1"), root);
        assertThat(tainted.status()).isEqualTo(400);
        assertThat(tainted.text("detail")).contains("tainted");

        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/untaint", null, root);
        edge.send("PATCH", "/api/v1/catalog/taintable/1/arm64/revoke", null, root);
        Response revoked =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "taintable", "version", "1"), root);
        assertThat(revoked.status()).isEqualTo(403);
        assertThat(revoked.text("detail")).contains("revoked");
    }

    @Test
    void aPushInterruptedByAnAgentCrashResumesWithoutResendingWhatArrived() throws Exception {
        Path source = largeGoldenVm(ARM, "resume-src", 14, 64);
        pushUnderWay(ARM, source, "resumable");
        suite.killAgent(ARM);
        suite.restartAgent(ARM);
        assertPushResumesWhereItStopped(source, "resumable", "resumed-copy");
    }

    @Test
    void badRequestsAreRefusedWithAProblemBeforeAnythingMoves() {
        Response outside = agent(ARM)
                .post("/api/v1/catalog/push", Map.of("catalog_id", "bad", "version", "1", "local_path", "/etc"), root);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.text("detail")).contains("outside the VM folders");

        Response noVersion =
                agent(ARM).post("/api/v1/catalog/push", Map.of("catalog_id", "bad", "local_path", "/etc"), root);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.text("detail")).contains("version");

        Response wrongArch =
                agent(ARM2).put("/api/v1/catalog/pull", Map.of("catalog_id", "golden", "architecture", "x86_64"), root);
        assertThat(wrongArch.status()).isEqualTo(400);
        assertThat(wrongArch.text("detail")).contains("This host is arm64");

        Response unknown = agent(ARM2)
                .put("/api/v1/catalog/pull", Map.of("catalog_id", "no-such-image", "machine_name", "x"), root);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("detail")).contains("no-such-image");

        Response traversal = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "golden", "machine_name", "x", "path", "/tmp/../etc"),
                        root);
        assertThat(traversal.status()).isEqualTo(400);
    }
}
