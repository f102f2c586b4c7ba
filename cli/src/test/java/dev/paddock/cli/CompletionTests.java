package dev.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionTests {

    @TempDir
    Path home;

    @Test
    void generatesABashCompletionScriptThatKnowsEveryCommand() throws Exception {
        CliRunner.Result completion = new CliRunner(home.resolve("config"), Map.of()).run("generate-completion");

        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out())
                .contains("complete -F _complete_paddock", "images", "pdfile", "jobs", "events", "forward")
                .contains("--arch");
        // The script must be valid bash: source it in a real shell and ask for the words after "paddock images p".
        Process bash = new ProcessBuilder(
                        "bash",
                        "-c",
                        "source /dev/stdin; COMP_WORDS=(paddock images p); COMP_CWORD=2; COMP_LINE='paddock images p';"
                                + " _complete_paddock; echo \"${COMPREPLY[@]}\"")
                .redirectErrorStream(true)
                .start();
        bash.getOutputStream().write(completion.out().getBytes());
        bash.getOutputStream().close();
        String words = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(words).isZero();
        assertThat(words.split("\\s+")).contains("push", "pull");
    }
}
