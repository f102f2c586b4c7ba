package dev.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the Pdfile commands refuse before any call is made. */
class PdfileCommandTests {

    @TempDir
    Path home;

    private CliRunner cli() {
        return new CliRunner(home.resolve("config"), Map.of());
    }

    @Test
    void neverSendsTheContextsLoginToAServerTheFileNames() throws Exception {
        cli().run("context", "add", "local", "--url", "http://localhost:1");
        Path file = home.resolve("elsewhere.pdfile");
        Files.writeString(file, "FROM https://catalog.example.com\nCATALOG_ID macos\n");

        CliRunner.Result result = cli().run("pdfile", "list", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("not the server of your context", "AUTHENTICATE");
    }

    @Test
    void namesTheMissingDirectiveOfAnOperation() throws Exception {
        cli().run("context", "add", "local", "--url", "http://localhost:1");
        Path file = home.resolve("push.pdfile");
        Files.writeString(file, "CATALOG_ID macos\nARCHITECTURE arm64\nLOCAL_PATH /tmp/x.pvm\nRUN push\n");

        CliRunner.Result result = cli().run("pdfile", "run", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("needs VERSION");
    }

    @Test
    void refusesAFileThatIsNotThere() {
        CliRunner.Result result =
                cli().run("pdfile", "run", home.resolve("missing.pdfile").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("There is no Pdfile at");
    }
}
