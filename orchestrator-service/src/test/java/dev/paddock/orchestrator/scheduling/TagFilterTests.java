package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.assertOutcome;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.candidate;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.demandTagged;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.tags;

import dev.paddock.orchestrator.host.HostSummary;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagFilterTests {

    @ParameterizedTest(name = "host [{0}], wanted [{1}] → {2}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            ''           | ''           | pass
            ci,gpu       | ''           | pass
            ci,gpu       | gpu          | pass
            ci,gpu       | GPU          | pass
            CI           | ci,ios       | pass
            ci           | ios          | has none of the tags [ios]
            ''           | ios,gpu      | has none of the tags [ios, gpu]
            ci,build     | ios,GPU      | has none of the tags [ios, GPU]
            """)
    void refusesAHostCarryingNoneOfTheWantedTagsIgnoringCase(String hostTags, String wanted, @Nullable String reason) {
        HostSummary host = host("mac-1", true, false, "healthy", "arm64", tags(hostTags));
        assertOutcome(new TagFilter().check(candidate(host), demandTagged(tags(wanted))), host, reason);
    }
}
