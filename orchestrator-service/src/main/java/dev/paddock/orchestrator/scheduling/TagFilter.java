package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A VM asking for selection tags goes to a host carrying at least one of them (compared ignoring case). */
final class TagFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        if (demand.selectionTags().isEmpty()
                || candidate.host().tags().stream()
                        .anyMatch(tag ->
                                demand.selectionTags().stream().anyMatch(wanted -> wanted.equalsIgnoreCase(tag)))) {
            return PASS;
        }
        return candidate.reject("has none of the tags " + demand.selectionTags());
    }
}
