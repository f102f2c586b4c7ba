package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.devsuite.LocalSuite.Options;
import dev.paddock.devsuite.LocalSuite.SimulatedHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The catalog scenarios on a suite of its own whose catalog keeps images in an S3 bucket (Adobe S3Mock in its own
 * process, pulls redirected to presigned URLs). It runs beside the classes on the shared suite (first, so the two
 * overlap), holding no lock: nothing here touches the shared suite.
 */
@Order(1)
class S3StorageCatalogIntegrationTests extends CatalogScenarios {

    private static @Nullable LocalSuite s3Suite;

    @Override
    LocalSuite suite() {
        synchronized (S3StorageCatalogIntegrationTests.class) {
            if (s3Suite == null) {
                try {
                    Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-s3-");
                    s3Suite = LocalSuite.start(new Options(
                            Path.of("..").toAbsolutePath().normalize(),
                            data,
                            true,
                            List.of(
                                    new SimulatedHost("mac-arm64-1", "arm64", false),
                                    new SimulatedHost("mac-x86-1", "x86_64", false),
                                    new SimulatedHost("mac-arm64-2", "arm64", false)),
                            true,
                            Path.of("target/s3mock/s3mock.jar").toAbsolutePath()));
                } catch (IOException e) {
                    throw new IllegalStateException("could not start the S3 suite: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return s3Suite;
        }
    }

    @AfterAll
    static void stopSuite() {
        if (s3Suite != null) {
            s3Suite.close();
            s3Suite = null;
        }
    }

    /**
     * The catalog dies (SIGKILL) while a push is under way: the push fails with a problem, nothing of the image is
     * visible, and once the catalog is back the same push completes without sending again what had arrived. On this
     * suite, whose catalog keeps its chunks in S3: it runs beside the shared suite's classes, so its catalog restart
     * does not lengthen them.
     */
    @Test
    void aPushInterruptedByACatalogCrashResumesWhenTheCatalogIsBack() throws Exception {
        Path source = largeGoldenVm(ARM, "catalog-crash-src", 15, 32);
        String job = pushUnderWay(ARM, source, "survives-crash");

        suite.killCatalog();
        try {
            await(
                    () -> agent(ARM)
                            .get("/api/v1/jobs/" + job, root)
                            .text("state")
                            .equals("failed"),
                    "the push to fail with the catalog gone");
            assertThat(agent(ARM).get("/api/v1/jobs/" + job, root).text("error"))
                    .as("the job says why")
                    .isNotBlank();
        } finally {
            suite.restartCatalog();
        }
        assertPushResumesWhereItStopped(source, "survives-crash", "crash-copy");
    }
}
