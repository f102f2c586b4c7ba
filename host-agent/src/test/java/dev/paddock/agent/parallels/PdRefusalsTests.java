package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.agent.parallels.PdRefusals.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PD's refusals are classified by one table; what it does not know stays OTHER (a 502 with PD's raw text). */
class PdRefusalsTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Failed to get VM config: The virtual machine could not be found.|NOT_FOUND",
                "The virtual machine ci-1 does not exist.|NOT_FOUND",
                "Failed to clone the VM: The virtual machine \"a\" already exists.|NAME_TAKEN",
                "Failed to start the VM: The virtual machine is already running.|STATE_CONFLICT",
                "Failed to delete the VM: The virtual machine is running; stop it first.|STATE_CONFLICT",
                "Failed to start the VM: The license has expired.|OTHER",
                "Failed to register the VM: Permission denied|OTHER",
                "|OTHER"
            })
    void classifiesByTheTable(String stderr, Refusal refusal) {
        assertThat(PdRefusals.classify(stderr == null ? "" : stderr)).isEqualTo(refusal);
    }
}
