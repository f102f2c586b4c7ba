package dev.paddock.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.common.problem.Problems;
import org.junit.jupiter.api.Test;

class ProblemsTests {

    @Test
    void aRequestPathBecomesTheProblemsInstanceWithWhatAUriCannotHoldReplaced() {
        assertThat(Problems.instance("/api/v1/machines/a%2Fb")).hasToString("/api/v1/machines/a%2Fb");
        assertThat(Problems.instance("/api/v1/machines/a b\"<x>")).hasToString("/api/v1/machines/a_b__x_");
    }

    @Test
    void aPathThatIsNoUriEvenSoGivesNoInstance() {
        assertThat(Problems.instance("/api/v1/%ZZ")).isNull();
        assertThat(Problems.instance(null)).isNull();
    }
}
