package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;
import java.util.Optional;

/** Apple's licence: a Mac runs at most {@link HostCapacity#MAX_RUNNING_MAC_VMS} macOS VMs, counting those promised. */
final class MacOsVmLimitFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        HostCapacity capacity = candidate.capacity();
        if (capacity != null && demand.macos() && capacity.macVmsAfterPending() >= HostCapacity.MAX_RUNNING_MAC_VMS) {
            return candidate.reject("already runs " + HostCapacity.MAX_RUNNING_MAC_VMS + " macOS VMs (Apple's limit)");
        }
        return PASS;
    }
}
