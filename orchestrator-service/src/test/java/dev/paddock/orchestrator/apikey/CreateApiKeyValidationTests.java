package dev.paddock.orchestrator.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.orchestrator.apikey.ApiKeyViews.CreateApiKey;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateApiKeyValidationTests {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {"ci", "nightly builds", "été 🙂", "team/ios #2"})
    void aNameMayBeAnyText(String name) {
        assertThat(VALIDATOR.validate(new CreateApiKey(name, null, null, null, null)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "\u001b[31mred", "two\nlines", "tab\there", "del\u007f"})
    void aNameMayNotHoldControlCharacters(String name) {
        assertThat(VALIDATOR.validate(new CreateApiKey(name, null, null, null, null)))
                .extracting(violation -> violation.getMessage())
                .containsExactly("may not contain control characters");
    }
}
