package dev.paddock.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.job.JobState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentApiTests {

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", ".", "x?y", "x#y"})
    void anIdThatIsNotOnePathSegmentIsRefused(String id) {
        assertThatThrownBy(() -> AgentApi.machine(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentApi.job(id)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"vm-1,'',/api/v1/machines/vm-1", "vm-1,start,/api/v1/machines/vm-1/start"})
    void buildsMachinePaths(String id, String operation, String path) {
        assertThat(AgentApi.machine(id, operation)).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource({"pending,false", "running,false", "completed,true", "failed,true", "cancelled,true"})
    void knowsWhichJobStatesAreFinal(String wire, boolean finished) {
        assertThat(JobState.fromWire(wire).orElseThrow().finished()).isEqualTo(finished);
    }
}
