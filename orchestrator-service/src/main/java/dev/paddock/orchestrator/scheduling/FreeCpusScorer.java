package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;

/** Ranks hosts by their free CPUs as the placement policy says (pack: fewest first; spread: most first). */
final class FreeCpusScorer implements PlacementScorer {

    private final PlacementPolicy policy;

    FreeCpusScorer(PlacementPolicy policy) {
        this.policy = policy;
    }

    @Override
    public long score(Candidate candidate) {
        HostCapacity capacity = candidate.capacity();
        return policy.score(capacity == null ? 0 : capacity.availableCpus());
    }
}
