package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A VM that needs an architecture goes to a host of that architecture (a host that has not said passes). */
final class ArchitectureFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        String needed = demand.architecture();
        String actual = candidate.host().architecture();
        if (needed != null && actual != null && !actual.equals(needed)) {
            return candidate.reject("is " + actual + ", the VM needs " + needed);
        }
        return PASS;
    }
}
