package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON is read through what real PD prints around it (vagrant-parallels driver/base.rb:891-911; REF license.go). */
class PdOutputTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"ID\": \"a\"}]",
                "This feature is not available in this edition of Parallels Desktop.\n[{\"ID\": \"a\"}]",
                "[{\"ID\": \"a\"}]\nWarning: the license expires in 3 days.",
                "\u001b[0m[\n  {\"ID\": \"a\"}\n]\u0007\n",
                "{\"ID\": \"a\"}"
            })
    void findsTheJsonAmongNotes(String output) {
        assertThat(PdOutput.array(output))
                .singleElement()
                .satisfies(vm -> assertThat(vm.path("ID").asString()).isEqualTo("a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Failed to get VM config", "[{\"ID\": }]"})
    void outputThatIsNotJsonIsAnErrorThatSaysSo(String output) {
        assertThatThrownBy(() -> PdOutput.json(output)).isInstanceOf(PdOutput.PdOutputUnreadable.class);
    }
}
