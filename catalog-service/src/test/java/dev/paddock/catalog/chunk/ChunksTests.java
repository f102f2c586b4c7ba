package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.pack.Codec;
import dev.paddock.pack.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

class ChunksTests {

    static final byte[] CONTENT = "a chunk of a golden image".getBytes(StandardCharsets.UTF_8);
    static final String DIGEST = Digests.sha256(CONTENT, 0, CONTENT.length);

    final ChunkStorage storage = mock(ChunkStorage.class);
    final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    final Chunks chunks = new Chunks(storage, jdbc);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000000000000000000000000000000000000000000000000000000000000000",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            })
    void acceptsSha256NamesInLowercaseHex(String digest) {
        assertThatNoException().isThrownBy(() -> Chunks.requireDigest(digest));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "zero",
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
                "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "../../../../../../../../../../../../../../../../../../etc/passwd",
                " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            })
    void refusesEverythingElseAsAChunkName(String digest) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> Chunks.requireDigest(digest));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/invalid-digest");
    }

    @Test
    void refusesAQuestionAboutMoreThan10000ChunksBeforeAskingStorage() {
        List<String> digests = Collections.nCopies(10_001, DIGEST);

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> chunks.missing(digests));

        assertThat(problem.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/too-many-digests");
        verifyNoInteractions(storage, jdbc);
    }

    @Test
    void refusesAQuestionWithAMalformedNameBeforeAskingStorage() {
        ProblemException problem =
                catchThrowableOfType(ProblemException.class, () -> chunks.missing(List.of(DIGEST, "nope")));

        assertThat(problem.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/invalid-digest");
        verifyNoInteractions(storage, jdbc);
    }

    @Test
    void refusesAChunkWhoseContentDoesNotHashToItsNameAndStoresNothing() {
        byte[] other = Codec.compress(new byte[] {1, 2, 3}, 3);

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> chunks.put(DIGEST, other));

        assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(problem.toProblemDetail().getType()).hasToString("https://paddock.dev/problems/chunk-rejected");
        verifyNoInteractions(storage, jdbc);
    }

    @Test
    void recordsAnAcceptedChunkInTheLedgerBeforeItReachesStorage() throws Exception {
        byte[] stored = Codec.compress(CONTENT, CONTENT.length);

        chunks.put(DIGEST, stored);

        InOrder order = inOrder(jdbc, storage);
        order.verify(jdbc).update(anyString(), eq(DIGEST), eq(stored.length));
        order.verify(storage).put(eq(DIGEST), any(byte[].class));
    }

    /** ENOSPC as the JDK reports it: writing to /dev/full on Linux throws {@code IOException("No space left on device")}. */
    @Test
    void aFullDiskIsA507ThatSaysWhatToDoAndKeepsTheChunkMissing() throws Exception {
        byte[] stored = Codec.compress(CONTENT, CONTENT.length);
        String digest = Digests.sha256(CONTENT, 0, CONTENT.length);
        org.mockito.Mockito.doThrow(new java.io.IOException("No space left on device"))
                .when(storage)
                .put(eq(digest), any());

        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> chunks.put(digest, stored));

        assertThat(refused.status()).isEqualTo(HttpStatus.INSUFFICIENT_STORAGE);
        assertThat(refused.toProblemDetail().getType().toString()).endsWith("/storage-full");
        assertThat(refused.toProblemDetail().getDetail())
                .contains(digest)
                .contains("Free space")
                .contains("push again");
    }

    @Test
    void otherStorageFailuresAreNotTakenForAFullDisk() {
        assertThat(Chunks.isDiskFull(new java.io.IOException("Permission denied")))
                .isFalse();
        assertThat(Chunks.isDiskFull(
                        new java.io.IOException("write failed", new java.io.IOException("No space left on device"))))
                .isTrue();
    }
}
