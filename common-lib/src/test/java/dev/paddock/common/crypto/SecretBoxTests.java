package dev.paddock.common.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private final SecretBox box = SecretBox.fromBase64(SecretBox.generateKey());
    private final byte[] secret = "s3cret value".getBytes(StandardCharsets.UTF_8);
    private final byte[] context = "row-42".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealed() {
        assertThat(box.open(box.seal(secret, context), context)).isEqualTo(secret);
    }

    @Test
    void usesAFreshNonceForEverySeal() {
        assertThat(box.seal(secret, context)).isNotEqualTo(box.seal(secret, context));
    }

    @Test
    void refusesAValueMovedToAnotherContext() {
        String sealed = box.seal(secret, context);

        assertThatThrownBy(() -> box.open(sealed, "row-43".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void refusesATamperedValue() {
        byte[] bytes = Base64.getDecoder().decode(box.seal(secret, context));
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(bytes), context))
                .isInstanceOf(SecretBox.SecretBoxException.class)
                .hasMessageContaining("wrong encryption key or tampered");
    }

    @Test
    void refusesAValueSealedUnderAnotherKey() {
        String sealed = SecretBox.fromBase64(SecretBox.generateKey()).seal(secret, context);

        assertThatThrownBy(() -> box.open(sealed, context)).isInstanceOf(SecretBox.SecretBoxException.class);
    }

    @Test
    void rejectsKeysThatAreNot32Bytes() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
    }
}
