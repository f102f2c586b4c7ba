package dev.paddock.orchestrator.scheduling;

import dev.paddock.common.security.CurrentCaller;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.scheduling.Scheduler.Plan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The hosts one creation tries, in the plan's order: each is reserved before it is tried, a host that failed is not
 * tried again, and when the plan runs out the fleet is planned once more as it is now (the plan came from a snapshot up
 * to two seconds old). Keeps why every host was passed over, for the refusal when none is left.
 */
final class HostAttempts {

    private final Scheduler scheduler;
    private final Demand demand;
    private final @Nullable UUID onlyHost;
    /** Why hosts were passed over by the plan (replaced when the fleet is planned again). */
    private List<Rejection> passedOver;
    /** Why hosts were passed over while reserving or trying them. */
    private final List<Rejection> rejections = new ArrayList<>();

    private List<HostSummary> remaining;
    private final Set<UUID> tried = new HashSet<>();
    private boolean replanned;

    HostAttempts(Scheduler scheduler, Demand demand, Plan plan, @Nullable UUID onlyHost) {
        this.scheduler = scheduler;
        this.demand = demand;
        this.onlyHost = onlyHost;
        this.passedOver = new ArrayList<>(plan.rejections());
        this.remaining = new ArrayList<>(plan.candidates());
    }

    /** The next host, reserved for the demand; empty when no host is left to try. */
    Optional<Scheduler.Reserved> next() {
        while (true) {
            Optional<Scheduler.Reserved> reserved = scheduler.reserveFirst(remaining, demand, rejections);
            if (reserved.isPresent()) {
                tried.add(reserved.get().host().id());
                return reserved;
            }
            if (replanned) {
                return Optional.empty();
            }
            replanned = true;
            Plan fresh = scheduler.freshPlan(demand, CurrentCaller.require(), onlyHost);
            passedOver = new ArrayList<>(fresh.rejections());
            // The fresh plan judges again the hosts that were taken or changed; creation failures stay.
            rejections.removeIf(rejection -> rejection.reason().equals(Scheduler.REMOVED)
                    || rejection.reason().endsWith(Scheduler.CHANGED));
            remaining = new ArrayList<>(fresh.candidates());
            remaining.removeIf(host -> tried.contains(host.id()));
        }
    }

    /** The tried host could not create the VM; the next one is tried. */
    void failed(HostSummary host, String reason) {
        rejections.add(new Rejection(host.name(), "creation failed: " + reason));
    }

    /** The refusal once every host is exhausted: each host's latest reason, attempts over plan rejections. */
    NoHostAvailable noHostAvailable(String vmName) {
        Set<String> attempted = new HashSet<>();
        rejections.forEach(rejection -> attempted.add(rejection.host()));
        List<Rejection> all = new ArrayList<>(passedOver);
        all.removeIf(rejection -> attempted.contains(rejection.host()));
        all.addAll(rejections);
        return new NoHostAvailable(vmName, all);
    }
}
