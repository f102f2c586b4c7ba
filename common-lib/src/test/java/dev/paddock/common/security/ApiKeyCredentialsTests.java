package dev.paddock.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeyCredentialsTests {

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesKeyAndSecretAndUpperCasesTheKey() {
        ApiKeyCredentials credentials = ApiKeyCredentials.parse(encode("ci-key:the:secret"));

        assertThat(credentials.key()).isEqualTo("CI-KEY");
        assertThat(credentials.secret()).isEqualTo("the:secret");
    }

    @Test
    void encodesBackToTheHeaderForm() {
        ApiKeyCredentials credentials = new ApiKeyCredentials("KEY", "secret");

        assertThat(ApiKeyCredentials.parse(credentials.encoded())).isEqualTo(credentials);
    }

    @Test
    void rejectsValuesThatAreNotBase64() {
        assertThatThrownBy(() -> ApiKeyCredentials.parse("%%%"))
                .isInstanceOf(BadCredentialsException.class)
                .hasMessageContaining("base64 of KEY:SECRET");
    }

    @Test
    void rejectsValuesWithoutASecret() {
        assertThatThrownBy(() -> ApiKeyCredentials.parse(encode("KEY:"))).isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> ApiKeyCredentials.parse(encode("KEYONLY")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new ApiKeyCredentials("KEY", "hunter2").toString()).doesNotContain("hunter2");
    }
}
