package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** Only a healthy host takes new VMs; the reason is the host's state. */
final class HealthyHostFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        return candidate.host().isHealthy()
                ? PASS
                : candidate.reject(candidate.host().state());
    }
}
