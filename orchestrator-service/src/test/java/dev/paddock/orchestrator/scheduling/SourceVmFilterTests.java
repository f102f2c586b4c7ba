package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.assertOutcome;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.copyOf;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.demand;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.roomy;

import dev.paddock.orchestrator.host.HostSummary;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceVmFilterTests {

    @ParameterizedTest(name = "copy of {0}, host holds it: {1} → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = {"none", "pass"},
            textBlock = """
            none       | false | pass
            none       | true  | pass
            golden-vm  | true  | pass
            golden-vm  | false | does not have the VM golden-vm to copy
            """)
    void refusesAHostWithoutTheVmACopyIsMadeFrom(
            @Nullable String sourceVm, boolean holdsSource, @Nullable String reason) {
        HostSummary host = host("mac-1");
        Candidate candidate = new Candidate(host, roomy(), holdsSource, false);
        Demand demand = sourceVm == null ? demand() : copyOf(sourceVm);
        assertOutcome(new SourceVmFilter().check(candidate, demand), host, reason);
    }
}
