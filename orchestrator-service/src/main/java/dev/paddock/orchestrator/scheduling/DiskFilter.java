package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;
import java.util.Optional;

/** The host has the disk the VM needs free; a VM that says nothing about its disk passes. */
final class DiskFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        HostCapacity capacity = candidate.capacity();
        if (capacity != null && demand.diskMb() > 0 && capacity.availableDiskMb() < demand.diskMb()) {
            return candidate.reject("needs " + demand.diskMb() + " MB of disk, "
                    + Math.max(0, capacity.availableDiskMb()) + " MB free");
        }
        return PASS;
    }
}
