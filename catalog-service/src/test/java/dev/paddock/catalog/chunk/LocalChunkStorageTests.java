package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalChunkStorageTests {

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"macos/15.1/arm64.json", "a.json", "macos/./15.1/arm64.json", "macos/x/../15.1/arm64.json"})
    void keepsDescriptorsInsideTheManifestsFolder(String key) throws IOException {
        LocalChunkStorage storage = new LocalChunkStorage(root);

        assertThat(storage.descriptor(key))
                .startsWithRaw(root.resolve("manifests").toAbsolutePath())
                .isNotEqualTo(root.resolve("manifests").toAbsolutePath());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape.json",
                "../chunks/aa/x.zst",
                "macos/../../escape.json",
                "macos/15.1/../../../../etc/passwd",
                "/etc/passwd",
                "",
                ".",
                "macos/.."
            })
    void refusesDescriptorKeysThatLeaveTheManifestsFolder(String key) throws IOException {
        LocalChunkStorage storage = new LocalChunkStorage(root);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.descriptor(key))
                .withMessageContaining("leaves the storage folder");
        assertThatIllegalArgumentException().isThrownBy(() -> storage.putDescriptor(key, new byte[] {1}));
    }

    @Test
    void acceptsARootGivenAsARelativePathWithDotSegments() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(root);
        LocalChunkStorage storage = new LocalChunkStorage(Path.of(".").resolve(relative));

        storage.putDescriptor("macos/15.1/arm64.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(root.resolve("manifests/macos/15.1/arm64.json")).hasContent("{}");
    }

    @Test
    void replacesDescriptorsWholeAndLeavesNoPartialFiles() throws IOException {
        LocalChunkStorage storage = new LocalChunkStorage(root);

        storage.putDescriptor("macos/15.1/arm64.json", "first".getBytes(StandardCharsets.UTF_8));
        storage.putDescriptor("macos/15.1/arm64.json", "second".getBytes(StandardCharsets.UTF_8));

        assertThat(storage.getDescriptor("macos/15.1/arm64.json")).asString().isEqualTo("second");
        try (var files = Files.list(root.resolve("manifests/macos/15.1"))) {
            assertThat(files).map(path -> path.getFileName().toString()).containsExactly("arm64.json");
        }
    }

    @Test
    void answersNoSuchFileForAMissingDescriptorAndDeletesQuietly() throws IOException {
        LocalChunkStorage storage = new LocalChunkStorage(root);

        assertThatThrownBy(() -> storage.getDescriptor("macos/15.1/arm64.json"))
                .isInstanceOf(NoSuchFileException.class);
        assertThatNoException().isThrownBy(() -> storage.deleteDescriptor("macos/15.1/arm64.json"));
    }
}
