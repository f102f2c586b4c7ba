package dev.paddock.simulator.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ShellWordsTests {

    record Case(String line, List<String> expanded, List<String> asWritten) {}

    static List<Case> cases() {
        return List.of(
                new Case(
                        "prlctl list -a  -i",
                        List.of("prlctl", "list", "-a", "-i"),
                        List.of("prlctl", "list", "-a", "-i")),
                new Case(
                        "echo 'a  b' \"c $HOME\"",
                        List.of("echo", "a  b", "c /home/ci"),
                        List.of("echo", "a  b", "c $HOME")),
                new Case(
                        "echo '$HOME' ${USER}x", List.of("echo", "$HOME", "cix"), List.of("echo", "$HOME", "${USER}x")),
                new Case(
                        "printf \"\\\"q\\\" \\$\" a\\ b",
                        List.of("printf", "\"q\" $", "a b"),
                        List.of("printf", "\"q\" $", "a b")),
                new Case(
                        "sh -c 'echo $1' x y",
                        List.of("sh", "-c", "echo $1", "x", "y"),
                        List.of("sh", "-c", "echo $1", "x", "y")),
                new Case("''", List.of(""), List.of("")),
                new Case("   ", List.of(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitsAsAPosixShellDoes(Case example) {
        Map<String, String> environment = Map.of("HOME", "/home/ci", "USER", "ci");

        assertThat(ShellWords.split(example.line(), environment)).isEqualTo(example.expanded());
        assertThat(ShellWords.split(example.line(), null)).isEqualTo(example.asWritten());
    }
}
