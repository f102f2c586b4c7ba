package dev.paddock.devsuite;

import dev.paddock.devsuite.LocalSuite.Options;
import dev.paddock.devsuite.LocalSuite.SimulatedHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One running suite per test JVM, shared by the end-to-end test classes (starting it costs tens of seconds), stopped
 * when the JVM exits. Its data and logs stay under {@code target/e2e-*} for post-mortems.
 */
final class SharedSuite {

    /** The lock every class on the shared suite holds while it runs: they change it and must take turns. */
    static final String LOCK = "shared-suite";

    private static @Nullable LocalSuite suite;

    private SharedSuite() {}

    static synchronized LocalSuite get() {
        if (suite == null) {
            try {
                Path repository = Path.of("..").toAbsolutePath().normalize();
                Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-");
                suite = LocalSuite.start(new Options(
                        repository,
                        data,
                        true,
                        List.of(
                                new SimulatedHost("mac-arm64-1", "arm64"),
                                new SimulatedHost("mac-x86-1", "x86_64"),
                                // An empty second Apple silicon Mac: images pushed on the first are pulled here.
                                new SimulatedHost("mac-arm64-2", "arm64", false)),
                        true));
                LocalSuite started = suite;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-suite-stop"));
            } catch (IOException e) {
                throw new IllegalStateException("could not start the suite: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return suite;
    }
}
