package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The placement rules in their order: the filters every host must pass (the first that refuses gives the reason),
 * then the scorers that order the hosts that passed, ties settled by name so equal hosts are chosen predictably. No
 * database and no Spring: the scheduler reads the fleet and hands each host over as a {@link Candidate}.
 */
final class Placement {

    /** Cheap, host-only rules first, so a refused host's reason is the most basic one. */
    static final List<PlacementFilter> FILTERS = List.of(
            new EnabledHostFilter(),
            new DrainingHostFilter(),
            new HealthyHostFilter(),
            new ArchitectureFilter(),
            new TagFilter(),
            new SourceVmFilter(),
            new ReportedCapacityFilter(),
            new CpuFilter(),
            new MemoryFilter(),
            new DiskFilter(),
            new MacOsVmLimitFilter());

    private final List<PlacementFilter> filters;
    private final Comparator<Candidate> order;

    Placement(List<PlacementFilter> filters, List<PlacementScorer> scorers) {
        this.filters = List.copyOf(filters);
        Comparator<Candidate> byScores = (a, b) -> 0;
        for (PlacementScorer scorer : scorers) {
            byScores = byScores.thenComparingLong(scorer::score);
        }
        this.order = byScores.thenComparing(candidate -> candidate.host().name());
    }

    /** The rules Paddock places VMs by: image in the cache first, then the policy on CPUs, then on memory. */
    static Placement of(PlacementPolicy policy) {
        return new Placement(
                FILTERS, List.of(new CachedImageScorer(), new FreeCpusScorer(policy), new FreeMemoryScorer(policy)));
    }

    /** The first filter's refusal, or empty when the candidate may take the demand. */
    Optional<Rejection> check(Candidate candidate, Demand demand) {
        for (PlacementFilter filter : filters) {
            Optional<Rejection> rejection = filter.check(candidate, demand);
            if (rejection.isPresent()) {
                return rejection;
            }
        }
        return PlacementFilter.PASS;
    }

    /** The hosts that passed, best first (a list the caller may change). */
    List<HostSummary> order(List<Candidate> passed) {
        List<Candidate> sorted = new ArrayList<>(passed);
        sorted.sort(order);
        return new ArrayList<>(sorted.stream().map(Candidate::host).toList());
    }
}
