package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/**
 * One rule a host must pass to take a new VM. The rules run in the order of {@link Placement#FILTERS} and the first
 * rejection is the host's reason, so a new rule (a quota, a priority class) is one new implementation in that list.
 */
interface PlacementFilter {

    /** The host passes this rule. */
    Optional<Rejection> PASS = Optional.empty();

    /** Why the candidate cannot take the demand, or {@link #PASS}. */
    Optional<Rejection> check(Candidate candidate, Demand demand);
}
