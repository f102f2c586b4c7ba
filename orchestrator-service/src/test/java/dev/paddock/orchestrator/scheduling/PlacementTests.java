package dev.paddock.orchestrator.scheduling;

import static dev.paddock.orchestrator.scheduling.PlacementFixtures.free;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.host;
import static dev.paddock.orchestrator.scheduling.PlacementFixtures.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.orchestrator.host.HostCapacity;
import dev.paddock.orchestrator.host.HostSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules together: which refusal a host gets when several apply, and the order of the hosts that pass. */
class PlacementTests {

    private final Placement pack = Placement.of(PlacementPolicy.PACK);

    @Test
    void runsTheFiltersFromTheHostsOwnStateToItsCapacity() {
        assertThat(Placement.FILTERS)
                .extracting(filter -> filter.getClass().getSimpleName())
                .containsExactly(
                        "EnabledHostFilter",
                        "DrainingHostFilter",
                        "HealthyHostFilter",
                        "ArchitectureFilter",
                        "TagFilter",
                        "SourceVmFilter",
                        "ReportedCapacityFilter",
                        "CpuFilter",
                        "MemoryFilter",
                        "DiskFilter",
                        "MacOsVmLimitFilter");
    }

    /**
     * A host failing several rules is refused for the first, as before the rules were types: columns are the host
     * (enabled, draining, state, architecture, tags), its free CPUs/memory/macOS VMs (-1 CPUs: no capacity reported)
     * and the demand (CPUs, memory, macOS, architecture, tags).
     */
    @ParameterizedTest(name = "{11}")
    @CsvSource(delimiter = '|', nullValues = "pass", textBlock = """
            false | true  | unhealthy | x86_64 | ''   | -1 | 0     | 2 | 4 | 8192 | true  | disabled
            true  | true  | unhealthy | x86_64 | ''   | -1 | 0     | 2 | 4 | 8192 | true  | draining
            true  | false | unhealthy | x86_64 | ''   | -1 | 0     | 2 | 4 | 8192 | true  | unhealthy
            true  | false | healthy   | x86_64 | ''   | -1 | 0     | 2 | 4 | 8192 | true  | is x86_64, the VM needs arm64
            true  | false | healthy   | arm64  | ''   | -1 | 0     | 2 | 4 | 8192 | true  | has none of the tags [ci]
            true  | false | healthy   | arm64  | ci   | -1 | 0     | 2 | 4 | 8192 | true  | reports no capacity yet
            true  | false | healthy   | arm64  | ci   | 2  | 0     | 2 | 4 | 8192 | true  | needs 4 CPUs, 2 free
            true  | false | healthy   | arm64  | ci   | 4  | 0     | 2 | 4 | 8192 | true  | needs 8192 MB of memory, 0 MB free
            true  | false | healthy   | arm64  | ci   | 4  | 8192  | 2 | 4 | 8192 | true  | already runs 2 macOS VMs (Apple's limit)
            true  | false | healthy   | arm64  | ci   | 4  | 8192  | 2 | 4 | 8192 | false | pass
            """)
    void refusesAHostForTheFirstRuleItFails(
            boolean enabled,
            boolean draining,
            String state,
            String architecture,
            String hostTags,
            int freeCpus,
            long freeMemoryMb,
            int macVms,
            int cpus,
            long memoryMb,
            boolean macos,
            @Nullable String reason) {
        HostSummary host = host("mac-1", enabled, draining, state, architecture, tags(hostTags));
        HostCapacity capacity = freeCpus < 0 ? null : free(freeCpus, freeMemoryMb, 256000, macVms);
        Demand demand = new Demand("vm-1", cpus, memoryMb, 0, macos, "arm64", List.of("ci"), null, null, null);
        Optional<Rejection> outcome = pack.check(new Candidate(host, capacity, false, false), demand);
        PlacementFixtures.assertOutcome(outcome, host, reason);
    }

    @Test
    void refusesACopyOnAHostWithoutItsSourceBeforeLookingAtCapacity() {
        HostSummary host = host("mac-1");
        Demand copy = new Demand("vm-1", 64, 4096, 0, false, null, List.of(), "golden", null, null);
        assertThat(pack.check(new Candidate(host, null, false, false), copy))
                .contains(new Rejection("mac-1", "does not have the VM golden to copy"));
    }

    /**
     * Hosts written {@code name:freeCpus:freeMemoryMb[:cached]}; the expected order is the hosts' names. Pack fills the
     * fullest host first, spread the emptiest, memory settles equal CPUs, the name settles equal hosts, and a host
     * holding the image in its cache goes before any other whatever the policy.
     */
    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            pack   | a:4:8192 b:2:8192 c:8:8192                   | b a c
            spread | a:4:8192 b:2:8192 c:8:8192                   | c a b
            pack   | a:4:8192 b:4:4096 c:4:16384                  | b a c
            spread | a:4:8192 b:4:4096 c:4:16384                  | c a b
            pack   | c:4:8192 a:4:8192 b:4:8192                   | a b c
            spread | c:4:8192 a:4:8192 b:4:8192                   | a b c
            pack   | a:2:8192 b:8:8192:cached c:4:8192            | b a c
            spread | a:2:8192 b:8:8192:cached c:4:8192:cached     | b c a
            pack   | a:2:8192:cached b:8:8192:cached c:1:1024     | a b c
            other  | a:4:8192 b:2:8192                            | b a
            """)
    void ordersTheHostsThatPassCachedImageFirstThenByPolicyThenByName(String policy, String hosts, String expected) {
        List<Candidate> candidates = new ArrayList<>();
        for (String spec : hosts.trim().split("\\s+")) {
            String[] parts = spec.split(":");
            candidates.add(new Candidate(
                    host(parts[0]),
                    free(Integer.parseInt(parts[1]), Long.parseLong(parts[2]), 256000, 0),
                    false,
                    parts.length > 3 && parts[3].equals("cached")));
        }
        List<String> order = Placement.of(PlacementPolicy.of(policy)).order(candidates).stream()
                .map(HostSummary::name)
                .toList();
        assertThat(order)
                .containsExactlyElementsOf(Arrays.asList(expected.trim().split("\\s+")));
    }

    @Test
    void answersAnOrderTheCallerMayChange() {
        List<HostSummary> order = pack.order(List.of(new Candidate(host("a"), free(1, 1024, 0, 0), false, false)));
        order.removeFirst();
        assertThat(order).isEmpty();
    }
}
