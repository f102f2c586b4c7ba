package dev.paddock.catalog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paddock.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

class ManifestKeyTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "x86_64, x86_64",
        "amd64, x86_64",
        "x64, x86_64",
        "AMD64, x86_64",
        "X86_64, x86_64",
        "x86-64, x86_64",
        "' arm64', arm64",
        "arm64, arm64",
        "aarch64, arm64",
        "ARM64, arm64",
        "AArch64, arm64"
    })
    void normalisesArchitectureAliases(String raw, String architecture) {
        assertThat(ManifestKey.architecture(raw)).isEqualTo(architecture);
        assertThat(ManifestKey.of("macos", "15.1", raw).architecture()).isEqualTo(architecture);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"i386", "arm", "arm64e", "x86", "x86 64", "ppc64le"})
    void refusesUnknownArchitectures(String raw) {
        assertThat(problem(() -> ManifestKey.architecture(raw)))
                .satisfies(p -> isBadRequest(p, "invalid-architecture"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"macos", "a", "0", "Sonoma", "macos-15_dev.1", "1.0.0-rc.1", "latest"})
    void acceptsDockerTagLikeNames(String name) {
        ManifestKey key = ManifestKey.of(name, name, "arm64");

        assertThat(key.catalogId()).isEqualTo(name);
        assertThat(key.version()).isEqualTo(name);
    }

    @Test
    void acceptsNamesUpTo128Characters() {
        String longest = "a".repeat(128);

        assertThat(ManifestKey.of(longest, longest, "arm64").catalogId()).hasSize(128);
        assertThat(problem(() -> ManifestKey.of(longest + "a", "1", "arm64")))
                .satisfies(p -> isBadRequest(p, "invalid-catalog-id"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".hidden", "-flag", "_x", "a/b", "..", "a b", "a\\b", "a:b", "é", "a?b", "a%2Fb"})
    void refusesNamesThatAreUnsafeInPathsAndKeys(String name) {
        assertThat(problem(() -> ManifestKey.of(name, "1.0", "arm64")))
                .satisfies(p -> isBadRequest(p, "invalid-catalog-id"));
        assertThat(problem(() -> ManifestKey.of("macos", name, "arm64")))
                .satisfies(p -> isBadRequest(p, "invalid-version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunks", "import", "import-vm", "push", "pull", "gc", "CHUNKS", "Gc", "Import-VM"})
    void refusesCatalogIdsTheApiUsesForItself(String catalogId) {
        ProblemException problem = problem(() -> ManifestKey.of(catalogId, "1.0", "arm64"));

        assertThat(problem).satisfies(p -> isBadRequest(p, "invalid-catalog-id"));
        assertThat(problem).hasMessageContaining("reserved");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunks", "gc", "latest"})
    void allowsReservedWordsAsVersions(String version) {
        assertThat(ManifestKey.of("macos", version, "arm64").version()).isEqualTo(version);
    }

    @Test
    void checksTheCatalogIdBeforeTheVersionAndTheArchitecture() {
        assertThat(problem(() -> ManifestKey.of("bad id", "bad version", "sparc")))
                .satisfies(p -> isBadRequest(p, "invalid-catalog-id"));
        assertThat(problem(() -> ManifestKey.of("macos", "bad version", "sparc")))
                .satisfies(p -> isBadRequest(p, "invalid-version"));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({
        "macos, 15.1, aarch64, macos-arm64-15.1, macos/15.1/arm64.json, macos/15.1/arm64",
        "win, 11, amd64, win-x86_64-11, win/11/x86_64.json, win/11/x86_64"
    })
    void namesTheManifestItsDescriptorAndItselfFromTheNormalisedTriple(
            String catalogId, String version, String architecture, String name, String descriptorKey, String text) {
        ManifestKey key = ManifestKey.of(catalogId, version, architecture);

        assertThat(key.name()).isEqualTo(name);
        assertThat(key.descriptorKey()).isEqualTo(descriptorKey);
        assertThat(key).hasToString(text);
    }

    static void isBadRequest(ProblemException problem, String type) {
        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/" + type);
    }

    static ProblemException problem(Runnable action) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, action::run);
        assertThat(problem).as("a ProblemException").isNotNull();
        return problem;
    }
}
