package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.assertOutcome;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.candidate;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.demand;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;

import dev.paddock.orchestrator.host.HostSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link EnabledHostFilter}, {@link DrainingHostFilter} and {@link HealthyHostFilter}: the host's own flags. */
class HostStateFiltersTests {

    @ParameterizedTest(name = "enabled={0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            true  | pass
            false | disabled
            """)
    void refusesADisabledHost(boolean enabled, @Nullable String reason) {
        HostSummary host = host("mac-1", enabled, false, "healthy", "arm64", List.of());
        assertOutcome(new EnabledHostFilter().check(candidate(host), demand()), host, reason);
    }

    @ParameterizedTest(name = "draining={0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            false | pass
            true  | draining
            """)
    void refusesADrainingHost(boolean draining, @Nullable String reason) {
        HostSummary host = host("mac-1", true, draining, "healthy", "arm64", List.of());
        assertOutcome(new DrainingHostFilter().check(candidate(host), demand()), host, reason);
    }

    @ParameterizedTest(name = "state {0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            healthy   | pass
            unhealthy | unhealthy
            unknown   | unknown
            Healthy   | Healthy
            """)
    void refusesAHostThatIsNotHealthyWithItsState(String state, @Nullable String reason) {
        HostSummary host = host("mac-1", true, false, state, "arm64", List.of());
        assertOutcome(new HealthyHostFilter().check(candidate(host), demand()), host, reason);
    }
}
