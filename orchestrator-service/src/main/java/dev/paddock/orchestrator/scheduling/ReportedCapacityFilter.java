package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A host that has not reported its capacity yet cannot be judged, so it takes nothing; the capacity rules follow. */
final class ReportedCapacityFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        return candidate.capacity() == null ? candidate.reject("reports no capacity yet") : PASS;
    }
}
