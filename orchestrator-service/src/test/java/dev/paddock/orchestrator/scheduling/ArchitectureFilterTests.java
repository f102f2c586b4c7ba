package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.assertOutcome;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.candidate;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.demandFor;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;

import dev.paddock.orchestrator.host.HostSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitectureFilterTests {

    @ParameterizedTest(name = "host {0}, VM needs {1} → {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = {"none", "pass"},
            textBlock = """
            arm64  | arm64  | pass
            x86_64 | x86_64 | pass
            arm64  | none   | pass
            none   | arm64  | pass
            none   | none   | pass
            x86_64 | arm64  | is x86_64, the VM needs arm64
            arm64  | x86_64 | is arm64, the VM needs x86_64
            """)
    void refusesAHostOfAnotherArchitectureUnlessEitherSideIsUnknown(
            @Nullable String hostArchitecture, @Nullable String needed, @Nullable String reason) {
        HostSummary host = host("mac-1", true, false, "healthy", hostArchitecture, List.of());
        assertOutcome(new ArchitectureFilter().check(candidate(host), demandFor(needed)), host, reason);
    }
}
