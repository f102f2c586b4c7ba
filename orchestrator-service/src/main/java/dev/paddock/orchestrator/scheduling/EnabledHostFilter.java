package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A disabled host (maintenance) takes no new VMs. */
final class EnabledHostFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        return candidate.host().enabled() ? PASS : candidate.reject("disabled");
    }
}
