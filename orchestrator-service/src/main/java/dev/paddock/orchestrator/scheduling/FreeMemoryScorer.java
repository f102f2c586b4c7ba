package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;

/** Between hosts with as many free CPUs, ranks by free memory as the placement policy says. */
final class FreeMemoryScorer implements PlacementScorer {

    private final PlacementPolicy policy;

    FreeMemoryScorer(PlacementPolicy policy) {
        this.policy = policy;
    }

    @Override
    public long score(Candidate candidate) {
        HostCapacity capacity = candidate.capacity();
        return policy.score(capacity == null ? 0 : capacity.availableMemoryMb());
    }
}
