package dev.paddock.orchestrator.scheduling;

import dev.paddock.orchestrator.host.HostCapacity;
import dev.paddock.orchestrator.host.HostSummary;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One host as the placement rules see it: the host, its capacity (null until it has reported any), and the two facts
 * read for the whole fleet at once — whether it holds the VM a copy is made from and the image a VM is created from.
 */
record Candidate(HostSummary host, @Nullable HostCapacity capacity, boolean holdsSourceVm, boolean holdsImage) {

    Optional<Rejection> reject(String reason) {
        return Optional.of(new Rejection(host.name(), reason));
    }
}
