package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A draining host keeps its VMs but takes no new ones. */
final class DrainingHostFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        return candidate.host().draining() ? candidate.reject("draining") : PASS;
    }
}
