package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.testsupport.ApiClient.Response;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
        Path source = goldenVm(ARM, "resume-src", 14);
        // Make the image big enough that the push is still under way when the agent dies.
        try (RandomAccessFile disk =
                new RandomAccessFile(source.resolve("disk0.img").toFile(), "rw")) {
            byte[] block = new byte[4 * 1024 * 1024];
            Random random = new Random(14);
            for (int i = 0; i < 64; i++) {
                random.nextBytes(block);
                disk.seek((long) i * block.length);
                disk.write(block);
            }
        }
        Response started = agent(ARM)
                .post(
                        "/api/v1/catalog/push/async",
                        Map.of("catalog_id", "resumable", "version", "1", "local_path", source.toString()),
                        root);
        assertThat(started.status()).isEqualTo(202);
        String job = started.text("id");
        await(
                () -> agent(ARM)
                                .get("/api/v1/jobs/" + job, root)
                                .body()
                                .path("progress")
                                .asInt()
                        >= 20,
                "the push under way");
        suite.killAgent(ARM);
        suite.restartAgent(ARM);
        assertThat(edge.get("/api/v1/catalog/resumable", root).status())
                .as("nothing is visible before the commit")
                .isEqualTo(404);

        Response resumed = push(ARM, source, "resumable", "1");

        assertThat(resumed.status()).as(resumed.body().toString()).isEqualTo(200);
        long total = resumed.body().path("pack_size").asLong();
        long sent = resumed.body().path("bytes_sent").asLong();
        assertThat(sent).as("the resumed push sends only what had not arrived").isLessThan(total * 9 / 10);
        Response pulled = agent(ARM2)
                .put(
                        "/api/v1/catalog/pull",
                        Map.of("catalog_id", "resumable", "version", "1", "machine_name", "resumed-copy"),
                        root);
        assertThat(pulled.status()).as(pulled.body().toString()).isEqualTo(200);
        assertSameBundle(source, Path.of(pulled.text("local_path")));
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
