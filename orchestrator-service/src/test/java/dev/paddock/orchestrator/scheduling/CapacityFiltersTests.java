package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.assertOutcome;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.candidate;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.demand;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.free;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.orchestrator.host.HostSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ReportedCapacityFilter}, {@link CpuFilter}, {@link MemoryFilter}, {@link DiskFilter} and
 * {@link MacOsVmLimitFilter}: what is free after the host's own share, running VMs and open reservations.
 */
class CapacityFiltersTests {

    private final HostSummary host = host("mac-1");

    @Test
    void refusesAHostThatHasNotReportedItsCapacity() {
        assertOutcome(
                new ReportedCapacityFilter().check(candidate(host, null), demand()), host, "reports no capacity yet");
        assertOutcome(new ReportedCapacityFilter().check(candidate(host), demand()), host, null);
    }

    @Test
    void capacityRulesLeaveAHostWithoutCapacityToTheReportedCapacityRule() {
        Demand demand = demand(64, 1_000_000, 1_000_000, true);
        List<PlacementFilter> rules =
                List.of(new CpuFilter(), new MemoryFilter(), new DiskFilter(), new MacOsVmLimitFilter());
        assertThat(rules)
                .allSatisfy(rule ->
                        assertThat(rule.check(candidate(host, null), demand)).isEmpty());
    }

    @ParameterizedTest(name = "{0} CPUs free, {1} needed → {2}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            4  | 2 | pass
            2  | 2 | pass
            1  | 2 | needs 2 CPUs, 1 free
            0  | 1 | needs 1 CPUs, 0 free
            -3 | 1 | needs 1 CPUs, 0 free
            """)
    void refusesAHostWithoutTheCpusFree(int freeCpus, int needed, @Nullable String reason) {
        Candidate candidate = candidate(host, free(freeCpus, 32768, 256000, 0));
        assertOutcome(new CpuFilter().check(candidate, demand(needed, 1024, 0, false)), host, reason);
    }

    @ParameterizedTest(name = "{0} MB free, {1} needed → {2}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            8192  | 4096 | pass
            4096  | 4096 | pass
            4095  | 4096 | needs 4096 MB of memory, 4095 MB free
            -512  | 1024 | needs 1024 MB of memory, 0 MB free
            """)
    void refusesAHostWithoutTheMemoryFree(long freeMemoryMb, long needed, @Nullable String reason) {
        Candidate candidate = candidate(host, free(8, freeMemoryMb, 256000, 0));
        assertOutcome(new MemoryFilter().check(candidate, demand(1, needed, 0, false)), host, reason);
    }

    @ParameterizedTest(name = "{0} MB of disk free, {1} needed → {2}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            100000 | 0      | pass
            0      | 0      | pass
            -10    | 0      | pass
            100000 | 65536  | pass
            65536  | 65536  | pass
            65535  | 65536  | needs 65536 MB of disk, 65535 MB free
            -10    | 1      | needs 1 MB of disk, 0 MB free
            """)
    void refusesAHostWithoutTheDiskFreeWhenTheVmSaysHowMuchItNeeds(
            long freeDiskMb, long needed, @Nullable String reason) {
        Candidate candidate = candidate(host, free(8, 32768, freeDiskMb, 0));
        assertOutcome(new DiskFilter().check(candidate, demand(1, 1024, needed, false)), host, reason);
    }

    @ParameterizedTest(name = "{0} macOS VMs running or promised, macOS VM: {1} → {2}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            0 | true  | pass
            1 | true  | pass
            2 | true  | already runs 2 macOS VMs (Apple's limit)
            3 | true  | already runs 2 macOS VMs (Apple's limit)
            2 | false | pass
            5 | false | pass
            """)
    void keepsApplesLimitOfTwoMacOsVmsPerMac(int macVms, boolean macos, @Nullable String reason) {
        Candidate candidate = candidate(host, free(8, 32768, 256000, macVms));
        assertOutcome(new MacOsVmLimitFilter().check(candidate, demand(1, 1024, 0, macos)), host, reason);
    }
}
