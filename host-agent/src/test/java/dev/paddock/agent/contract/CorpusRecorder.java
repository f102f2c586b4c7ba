package dev.paddock.agent.contract;

import dev.paddock.agent.parallels.CommandObserver;
import dev.paddock.agent.parallels.CommandRunner;
import dev.paddock.agent.parallels.PdCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Writes what each command printed in the corpus format (parallels-simulator pd-corpus), when the contract suite runs with
 * {@code -Dpaddock.contract.record=<folder>}: the first step of holding the simulator to a real Mac. The files still
 * need their evidence lines and a review before they join the corpus.
 */
final class CorpusRecorder implements CommandObserver {

    private final Path folder;
    private final String where;
    private final AtomicInteger sequence = new AtomicInteger();

    CorpusRecorder(Path folder) {
        this.folder = folder;
        this.where = "macOS " + System.getProperty("os.version") + ", " + LocalDate.now();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finished(PdCommand command, @Nullable String owner, CommandRunner.Output output) {
        boolean failed = output.exitCode() != 0;
        String slug = command.display().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        String name = "%03d-%s.%s"
                .formatted(
                        sequence.incrementAndGet(),
                        slug.length() > 60 ? slug.substring(0, 60) : slug,
                        failed ? "err" : "out");
        String file = """
                # command: %s
                # exit: %d
                # stream: %s
                # compare: none
                # evidence: recorded by the contract suite%s
                # recorded: yes — %s
                ---
                %s""".formatted(
                        command.display(),
                        output.exitCode(),
                        failed ? "stderr" : "stdout",
                        owner == null ? "" : " as " + owner,
                        where,
                        failed ? output.stderr() : output.stdout());
        try {
            Files.writeString(folder.resolve(name), file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
