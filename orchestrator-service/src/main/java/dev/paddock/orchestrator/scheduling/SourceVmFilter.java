package dev.paddock.orchestrator.scheduling;

import java.util.Optional;

/** A copy of a VM is made on a host that has that VM. */
final class SourceVmFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        if (demand.sourceVm() != null && !candidate.holdsSourceVm()) {
            return candidate.reject("does not have the VM " + demand.sourceVm() + " to copy");
        }
        return PASS;
    }
}
