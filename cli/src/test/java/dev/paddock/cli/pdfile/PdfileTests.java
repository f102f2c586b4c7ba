package dev.paddock.cli.pdfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PdfileTests {

    private static final Map<String, String> ENV = Map.of("CATALOG_URL", "http://catalog.test:3080", "PASS", "s3cret");

    @Test
    void readsEveryDirectiveOfAPushFile() {
        Pdfile file = Pdfile.parse("""
                # push the nightly image
                TO {{ .env.CATALOG_URL }}
                INSECURE true
                AUTHENTICATE USERNAME root
                AUTHENTICATE PASSWORD {{PASS}}
                PROVIDER NAME aws-s3
                CATALOG_ID macos
                VERSION 15.1
                ARCHITECTURE arm64
                LOCAL_PATH /Users/ci/Parallels/macos.macvm
                DESCRIPTION  Xcode 16 with simulators
                TAG nightly, xcode16
                TAG beta
                ROLE ci
                CLAIM PULL_CATALOG_MANIFEST
                MINIMUM_REQUIREMENT CPU 4
                MINIMUM_REQUIREMENT MEMORY 8192
                COMPRESS_PACK_LEVEL best_speed

                RUN push
                """, ENV, "push.pdfile");

        assertThat(file.to).isEqualTo("http://catalog.test:3080");
        assertThat(file.insecure).isTrue();
        assertThat(file.username).isEqualTo("root");
        assertThat(file.password).isEqualTo("s3cret");
        assertThat(file.provider).containsExactly("NAME aws-s3");
        assertThat(file.catalogId).isEqualTo("macos");
        assertThat(file.version).isEqualTo("15.1");
        assertThat(file.architecture).isEqualTo("arm64");
        assertThat(file.localPath).isEqualTo("/Users/ci/Parallels/macos.macvm");
        assertThat(file.description).isEqualTo("Xcode 16 with simulators");
        assertThat(file.tags).containsExactly("nightly", "xcode16", "beta");
        assertThat(file.roles).containsExactly("ci");
        assertThat(file.claims).containsExactly("PULL_CATALOG_MANIFEST");
        assertThat(file.minimumRequirements).containsEntry("cpu", 4).containsEntry("memory", 8192);
        assertThat(file.operation).isEqualTo("push");
    }

    @Test
    void readsAPullFileWithItsPostPullActions() {
        Pdfile file = Pdfile.parse("""
                FROM http://localhost:3080
                AUTHENTICATE API_KEY a2V5
                CATALOG_ID ubuntu
                ARCHITECTURE x86_64
                MACHINE_NAME build-42
                START_AFTER_PULL yes
                EXECUTE uname -a
                EXECUTE echo ready
                CLONE
                do pull
                """, ENV, "pull.pdfile");

        assertThat(file.apiKey).isEqualTo("a2V5");
        assertThat(file.version).as("no VERSION: the caller uses 'latest'").isNull();
        assertThat(file.machineName).isEqualTo("build-42");
        assertThat(file.startAfterPull).isTrue();
        assertThat(file.execute).containsExactly("uname -a", "echo ready");
        assertThat(file.clone).as("CLONE without a name").isEmpty();
        assertThat(file.operation).isEqualTo("pull");
    }

    @Test
    void namesTheLineOfAnUnknownDirective() {
        assertThatThrownBy(() -> Pdfile.parse("FROM http://x\n\nCATALOG_ID a\nPUSH_HARDER now\n", ENV, "bad.pdfile"))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("bad.pdfile:4: unknown directive 'PUSH_HARDER'")
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void namesTheLineOfABadValue() {
        for (var bad : List.of(
                List.of("INSECURE maybe", "INSECURE takes true or false, got 'maybe'"),
                List.of("MINIMUM_REQUIREMENT CPU four", "MINIMUM_REQUIREMENT CPU takes a whole number, got 'four'"),
                List.of("MINIMUM_REQUIREMENT GPU 1", "MINIMUM_REQUIREMENT takes CPU, MEMORY or DISK"),
                List.of("AUTHENTICATE TOKEN x", "AUTHENTICATE takes USERNAME, PASSWORD or API_KEY, got 'TOKEN'"),
                List.of("RUN deploy", "RUN takes one of push, pull, list, import, import-vm, got 'deploy'"),
                List.of("CATALOG_ID", "CATALOG_ID needs a value"))) {
            assertThatThrownBy(() -> Pdfile.parse("# header\n" + bad.get(0), ENV, "f"))
                    .hasMessageStartingWith("f:2: " + bad.get(1))
                    .isInstanceOf(CliException.class);
        }
    }

    @Test
    void refusesAnUnsetEnvironmentVariableInsteadOfSubstitutingNothing() {
        assertThatThrownBy(() -> Pdfile.parse("CATALOG_ID base\nFROM {{ .env.NOT_SET }}\n", ENV, "f"))
                .hasMessage("f:2: the environment variable NOT_SET is not set (used as {{ .env.NOT_SET }}).");
    }
}
