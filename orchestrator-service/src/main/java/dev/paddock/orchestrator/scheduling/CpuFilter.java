package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;
import java.util.Optional;

/** The host has the CPUs the VM needs free (a host without capacity is {@link ReportedCapacityFilter}'s to refuse). */
final class CpuFilter implements PlacementFilter {

    @Override
    public Optional<Rejection> check(Candidate candidate, Demand demand) {
        HostCapacity capacity = candidate.capacity();
        if (capacity != null && capacity.availableCpus() < demand.cpus()) {
            return candidate.reject(
                    "needs " + demand.cpus() + " CPUs, " + Math.max(0, capacity.availableCpus()) + " free");
        }
        return PASS;
    }
}
