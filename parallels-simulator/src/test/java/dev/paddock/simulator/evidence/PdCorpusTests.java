package dev.paddock.simulator.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PdCorpusTests {

    @Test
    void indexListsEveryFileOfTheFolder() throws IOException {
        Path folder = Path.of("src/main/resources/pd-corpus");
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("index.txt"))
                    .sorted()
                    .toList();
            assertThat(PdCorpus.all()).extracting(CorpusEntry::name).containsExactlyElementsOf(names);
        }
    }

    @Test
    void everyEntryNamesItsStreamByItsExtensionAndRestsOnEvidence() {
        for (CorpusEntry entry : PdCorpus.all()) {
            assertThat(entry.stream()).as(entry.name()).isEqualTo(entry.name().endsWith(".err") ? "stderr" : "stdout");
            assertThat(entry.evidence()).as(entry.name()).isNotEmpty();
            assertThat(entry.arguments().getFirst())
                    .as(entry.name())
                    .isIn("prlctl", "prlsrvctl", "sysctl", "uname", "prlcopy", "sudo");
        }
    }

    @Test
    void splitsCommandsAsAShellWould() {
        CorpusEntry entry = PdCorpus.entry("prlctl-exec-shell-line.out");

        assertThat(entry.arguments()).containsExactly("prlctl", "exec", "ci-linux", "echo \"a  b\" && echo $HOME");
        assertThat(entry.exitCode()).isZero();
        assertThat(entry.bodyLines()).containsExactly("a  b", "/root");
    }
}
