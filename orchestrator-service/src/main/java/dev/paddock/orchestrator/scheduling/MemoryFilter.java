package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;
import java.util.Optional;

/** The host has the memory the VM needs free. */
final class MemoryFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        HostCapacity capacity = candidate.capacity();
        if (capacity != null && capacity.availableMemoryMb() < demand.memoryMb()) {
            return candidate.reject("needs " + demand.memoryMb() + " MB of memory, "
                    + Math.max(0, capacity.availableMemoryMb()) + " MB free");
        }
        return PASS;
    }
}
