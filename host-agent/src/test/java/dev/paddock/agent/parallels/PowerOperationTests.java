package dev.paddock.agent.parallels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Power operations whose end state a VM is already in need no call (the reference, main.go:1226-1286). */
class PowerOperationTests {

    @ParameterizedTest(name = "{0} of a {1} VM: already done = {2}")
    @CsvSource({
        "start, running, true",
        "start, stopped, false",
        "start, suspended, false",
        "stop, stopped, true",
        "stop, running, false",
        "stop, suspended, false",
        "restart, stopped, true",
        "restart, running, false",
        "reset, stopped, true",
        "suspend, suspended, true",
        "suspend, running, false",
        "resume, running, true",
        "resume, paused, false",
        "pause, paused, true",
        "pause, running, false"
    })
    void knowsWhenThereIsNothingToDo(String verb, String state, boolean alreadyDone) {
        assertThat(PowerOperation.of(verb).orElseThrow().alreadyDone(state)).isEqualTo(alreadyDone);
    }
}
