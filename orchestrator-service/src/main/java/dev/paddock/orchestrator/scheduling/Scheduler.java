package dev.paddock.orchestrator.scheduling;

import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.host.HostCaches;
import dev.paddock.orchestrator.host.HostCapacities;
import dev.paddock.orchestrator.host.HostCapacity;
import dev.paddock.orchestrator.host.HostNotFound;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.vm.FleetVm;
import dev.paddock.orchestrator.vm.FleetVms;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Decides where a VM goes. Every host is checked against the demand by the {@link Placement} rules and either kept or
 * rejected with a reason; the kept ones are ordered by the rules' scorers (image in the host's cache first, then the
 * placement policy: pack fills the fullest host first, spread the emptiest), then by name. Reserving
 * re-checks the host under its row lock, so two decisions — on this replica or another — can never both take the last
 * of a host's capacity.
 */
@Service
public class Scheduler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Scheduler.class);

    private final Hosts hosts;
    private final HostCapacities capacities;
    private final HostCaches caches;
    private final FleetVms vms;
    private final Reservations reservations;
    private final OrchestratorProperties.Fleet fleet;
    private final Placement placement;

    Scheduler(
            Hosts hosts,
            HostCapacities capacities,
            HostCaches caches,
            FleetVms vms,
            Reservations reservations,
            OrchestratorProperties properties) {
        this.hosts = hosts;
        this.capacities = capacities;
        this.caches = caches;
        this.vms = vms;
        this.reservations = reservations;
        this.fleet = properties.fleet();
        this.placement = Placement.of(PlacementPolicy.of(fleet.placementPolicy()));
    }

    /** The hosts that can take the demand, best first, and why the others cannot. */
    record Plan(List<HostSummary> candidates, List<Rejection> rejections) {}

    /**
     * What plans are made from: every host and its capacity, read at most every {@link #SNAPSHOT_MAX_AGE} and shared by
     * the decisions made meanwhile. A plan only orders candidates; {@link #reserveFirst} re-checks the chosen host on
     * fresh numbers under its lock, so an older snapshot can cost a retry on the next host, never an over-commit.
     */
    private record Snapshot(List<HostSummary> hosts, Map<UUID, HostCapacity> capacity, long takenAtNanos) {}

    static final String REMOVED = "was removed meanwhile";
    static final String CHANGED = " (changed meanwhile)";

    static final Duration SNAPSHOT_MAX_AGE = Duration.ofMillis(500);
    /** Older than this, a snapshot is not used even once more while a new one is read. */
    static final Duration SNAPSHOT_MAX_STALE = Duration.ofSeconds(2);

    private volatile @Nullable Snapshot snapshot;

    private final java.util.concurrent.atomic.AtomicBoolean refreshing =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The current snapshot. Under load a snapshot older than {@link #SNAPSHOT_MAX_AGE} is still used while one background
     * refresh replaces it, so no decision waits for the fleet to be read; the first decision after an idle spell (older
     * than {@link #SNAPSHOT_MAX_STALE}) and a fresh re-plan read it in line.
     */
    private Snapshot snapshot(boolean fresh) {
        Snapshot current = snapshot;
        long age = current == null ? Long.MAX_VALUE : System.nanoTime() - current.takenAtNanos();
        if (fresh || age >= SNAPSHOT_MAX_STALE.toNanos()) {
            // First use, or the fleet was idle: a snapshot this old may miss hosts that went down meanwhile.
            return takeSnapshot();
        }
        if (age >= SNAPSHOT_MAX_AGE.toNanos() && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("scheduler-snapshot").start(() -> {
                try {
                    takeSnapshot();
                } catch (RuntimeException e) {
                    log.warn("Could not refresh the scheduler's view of the fleet: {}", e.toString());
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return current;
    }

    private Snapshot takeSnapshot() {
        long started = System.nanoTime();
        Snapshot taken = new Snapshot(hosts.summaries(), capacities.all(), started);
        synchronized (this) {
            // A slow background read must not replace a newer one made meanwhile.
            Snapshot current = snapshot;
            if (current == null || current.takenAtNanos() < started) {
                snapshot = taken;
            }
        }
        return taken;
    }

    Plan plan(Demand demand, PaddockPrincipal caller, @Nullable UUID onlyHost) {
        Plan plan = plan(demand, caller, onlyHost, snapshot(false));
        // Before refusing, make sure the refusal is not due to a snapshot that missed freed capacity.
        return plan.candidates().isEmpty() ? plan(demand, caller, onlyHost, snapshot(true)) : plan;
    }

    /** A plan from the fleet as it is now (for a second try when a plan's hosts were all taken). */
    Plan freshPlan(Demand demand, PaddockPrincipal caller, @Nullable UUID onlyHost) {
        return plan(demand, caller, onlyHost, snapshot(true));
    }

    private Plan plan(Demand demand, PaddockPrincipal caller, @Nullable UUID onlyHost, Snapshot snapshot) {
        Map<UUID, HostCapacity> capacity = snapshot.capacity();
        Set<UUID> holdingSource = demand.sourceVm() == null ? Set.of() : hostsHolding(demand.sourceVm());
        Set<UUID> cached = demand.catalogId() == null
                ? Set.of()
                : caches.hostsHolding(demand.catalogId(), demand.catalogVersion());
        List<Candidate> passed = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        for (HostSummary host : snapshot.hosts()) {
            if (onlyHost != null && !host.id().equals(onlyHost)) {
                continue;
            }
            if (!host.visibleTo(caller)) {
                continue;
            }
            Candidate candidate = new Candidate(
                    host, capacity.get(host.id()), holdingSource.contains(host.id()), cached.contains(host.id()));
            placement.check(candidate, demand).ifPresentOrElse(rejections::add, () -> passed.add(candidate));
        }
        return new Plan(placement.order(passed), rejections);
    }

    /** Capacity reserved on a host for one VM. */
    record Reserved(HostSummary host, UUID id) {}

    /**
     * Reserves the demand on the first of {@code remaining} where it still fits, re-checked under the host's lock.
     * A host whose lock another decision holds is passed over at first (its next-best neighbour is as good as waiting)
     * and only waited for when no other host fits. Every host tried is removed from {@code remaining}; a host that no
     * longer fits gets its reason in {@code rejections}.
     */
    Optional<Reserved> reserveFirst(List<HostSummary> remaining, Demand demand, List<Rejection> rejections) {
        List<HostSummary> busy = new ArrayList<>();
        for (Iterator<HostSummary> candidates = remaining.iterator(); candidates.hasNext(); ) {
            HostSummary host = candidates.next();
            Optional<Optional<UUID>> attempt =
                    hosts.tryUnderLock(host.id(), capacity -> reserveIfFits(host, capacity, demand, rejections));
            if (attempt.isEmpty()) {
                busy.add(host);
                continue;
            }
            candidates.remove();
            if (attempt.get().isPresent()) {
                return Optional.of(new Reserved(host, attempt.get().get()));
            }
        }
        for (HostSummary host : busy) {
            remaining.remove(host);
            Optional<UUID> reservation;
            try {
                reservation = hosts.underLock(host.id(), capacity -> reserveIfFits(host, capacity, demand, rejections));
            } catch (HostNotFound removed) {
                rejections.add(new Rejection(host.name(), REMOVED));
                continue;
            }
            if (reservation.isPresent()) {
                return Optional.of(new Reserved(host, reservation.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<UUID> reserveIfFits(
            HostSummary planned, HostCapacity capacity, Demand demand, List<Rejection> rejections) {
        // Under the lock, the host as it is now: it may have gone unhealthy or been disabled since the snapshot.
        HostSummary host;
        try {
            host = hosts.summary(planned.id());
        } catch (HostNotFound removed) {
            rejections.add(new Rejection(planned.name(), REMOVED));
            return Optional.empty();
        }
        Set<UUID> holdingSource = demand.sourceVm() == null ? Set.of() : hostsHolding(demand.sourceVm());
        Optional<Rejection> rejection =
                placement.check(new Candidate(host, capacity, holdingSource.contains(host.id()), false), demand);
        if (rejection.isPresent()) {
            rejections.add(new Rejection(host.name(), rejection.get().reason() + CHANGED));
            return Optional.empty();
        }
        return Optional.of(reservations.reserve(host.id(), demand, fleet.reservationTimeout()));
    }

    void release(UUID reservation) {
        reservations.release(reservation);
    }

    /** The hosts that have the VM a copy is made from. */
    List<FleetVm> sources(String sourceVm) {
        return vms.find(sourceVm);
    }

    private Set<UUID> hostsHolding(String sourceVm) {
        return sources(sourceVm).stream().map(FleetVm::hostId).collect(Collectors.toSet());
    }

    Duration createTimeout() {
        return fleet.createTimeout();
    }

    /** How long an agent may fail to answer about its creation job before the creation is given up. */
    Duration agentTimeout() {
        return fleet.agentTimeout();
    }
}
