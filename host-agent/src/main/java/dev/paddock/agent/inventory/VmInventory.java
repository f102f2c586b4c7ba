package dev.paddock.agent.inventory;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The host's VMs, served from memory. A full re-list replaces the cache (on start, on a timer, when PD's event stream is
 * lost, or on request); single-VM events refresh one entry. Every change is published as a {@link VmChanged}.
 * Readers never wait for PD; writers are serialised, so a re-list and an event never interleave half-way.
 */
@Service
public class VmInventory {

    private static final Logger log = LoggerFactory.getLogger(VmInventory.class);

    private final ParallelsDesktop parallels;
    private final GuestAddresses addresses;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String defaultOwner;

    private volatile Snapshot current = new Snapshot(Map.of(), "", Instant.EPOCH);

    /** When each VM was last refreshed individually, so a re-list that started earlier does not undo it. */
    private final Map<String, Instant> touchedAt = new java.util.HashMap<>();

    /**
     * Counts changes to single VMs (refreshes applied, VMs forgotten): a refresh whose look-up began before the VM's
     * last change is stale and not applied — or a VM deleted while its refresh was asking PD would come back.
     */
    private long changes;

    private final Map<String, Long> changedAt = new java.util.HashMap<>();

    VmInventory(
            ParallelsDesktop parallels,
            GuestAddresses addresses,
            ApplicationEventPublisher events,
            AgentProperties properties,
            Clock clock) {
        this.parallels = parallels;
        this.addresses = addresses;
        this.events = events;
        this.clock = clock;
        this.defaultOwner = properties.runAsOwner() ? "" : System.getProperty("user.name");
    }

    /** The cache at one instant: VMs by id, a digest of what matters for scheduling, when it was last fully listed. */
    public record Snapshot(Map<String, Vm> vms, String digest, Instant listedAt) {}

    public Snapshot snapshot() {
        if (current.listedAt().equals(Instant.EPOCH)) {
            refreshAll();
        }
        return current;
    }

    public List<Vm> list() {
        return snapshot().vms().values().stream()
                .sorted(Comparator.comparing(Vm::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** By id (braces optional, any case) or by name. */
    public Optional<Vm> find(String idOrName) {
        Snapshot snapshot = snapshot();
        String wanted = Vm.stripBraces(idOrName).toLowerCase(java.util.Locale.ROOT);
        Vm byId = snapshot.vms().get(wanted);
        if (byId != null) {
            return Optional.of(byId);
        }
        return snapshot.vms().values().stream()
                .filter(vm -> vm.name().equals(idOrName))
                .findFirst();
    }

    /**
     * Re-lists every VM from PD and publishes what changed. PD is asked without holding the cache's lock (a slow listing
     * must not stall operations on single VMs); a VM refreshed individually while the listing ran keeps that newer view.
     */
    public Snapshot refreshAll() {
        Instant startedAt = clock.instant();
        List<Vm> listed = parallels.listAll().stream().map(addresses::complete).toList();
        synchronized (this) {
            Map<String, Vm> previous = current.vms();
            Map<String, Vm> fresh = new LinkedHashMap<>();
            listed.forEach(vm -> fresh.put(key(vm.id()), vm));
            touchedAt.forEach((key, touched) -> {
                if (touched.isAfter(startedAt)) {
                    Vm newer = previous.get(key);
                    if (newer != null) {
                        fresh.put(key, newer);
                    } else {
                        fresh.remove(key);
                    }
                }
            });
            touchedAt.clear();
            current = new Snapshot(Map.copyOf(fresh), digest(fresh), clock.instant());
            publishDifferences(previous, fresh);
            return current;
        }
    }

    /** Re-reads one VM (after an event or an operation of ours); removes it if PD no longer knows it. */
    public Optional<Vm> refresh(String id) {
        return refresh(id, null);
    }

    /**
     * Re-reads one VM, asking PD as {@code owner} when the cache does not know the VM yet (PD lists each user's own
     * VMs only); without either, every owner is asked in turn.
     */
    public Optional<Vm> refresh(String id, @Nullable String owner) {
        String key = key(id);
        Vm known = current.vms().get(key);
        long lookedUpAfter;
        synchronized (this) {
            lookedUpAfter = changes;
        }
        Optional<Vm> after = lookUp(Vm.stripBraces(id), known != null ? known.owner() : owner)
                .map(addresses::complete);
        synchronized (this) {
            if (changedAt.getOrDefault(key, 0L) > lookedUpAfter) {
                // The VM changed (or was forgotten) while PD was being asked: what was read is already old.
                return Optional.ofNullable(current.vms().get(key));
            }
            changedAt.put(key, ++changes);
            Vm before = current.vms().get(key);
            Map<String, Vm> updated = new LinkedHashMap<>(current.vms());
            if (after.isPresent()) {
                updated.put(key, after.get());
            } else {
                updated.remove(key);
            }
            touchedAt.put(key, clock.instant());
            current = new Snapshot(Map.copyOf(updated), digest(updated), current.listedAt());
            publish(before, after.orElse(null));
        }
        return after;
    }

    private Optional<Vm> lookUp(String id, @Nullable String owner) {
        if (owner != null && !owner.isBlank()) {
            return parallels.find(id, owner);
        }
        if (!defaultOwner.isEmpty()) {
            return parallels.find(id, defaultOwner);
        }
        for (String candidate : parallels.owners()) {
            Optional<Vm> found = parallels.find(id, candidate);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Drops a VM that PD reported deleted or unregistered. */
    public synchronized void forget(String id) {
        String key = key(id);
        Vm before = current.vms().get(key);
        touchedAt.put(key, clock.instant());
        changedAt.put(key, ++changes);
        if (before == null) {
            return;
        }
        Map<String, Vm> updated = new LinkedHashMap<>(current.vms());
        updated.remove(key);
        current = new Snapshot(Map.copyOf(updated), digest(updated), current.listedAt());
        publish(before, null);
    }

    /** Tells listeners a VM's snapshot tree changed (the cache holds no snapshots). */
    public void snapshotsChanged(String id) {
        Vm vm = current.vms().get(key(id));
        events.publishEvent(new VmChanged(VmChanged.Kind.SNAPSHOTS_CHANGED, Vm.stripBraces(id), vm, vm));
    }

    private void publishDifferences(Map<String, Vm> previous, Map<String, Vm> fresh) {
        for (Map.Entry<String, Vm> entry : fresh.entrySet()) {
            publish(previous.get(entry.getKey()), entry.getValue());
        }
        for (Map.Entry<String, Vm> entry : previous.entrySet()) {
            if (!fresh.containsKey(entry.getKey())) {
                publish(entry.getValue(), null);
            }
        }
    }

    private void publish(@Nullable Vm before, @Nullable Vm after) {
        if (before == null && after == null) {
            return;
        }
        VmChanged change;
        if (before == null) {
            change = new VmChanged(VmChanged.Kind.ADDED, after.id(), null, after);
        } else if (after == null) {
            change = new VmChanged(VmChanged.Kind.REMOVED, before.id(), before, null);
        } else if (!before.state().equals(after.state())) {
            change = new VmChanged(VmChanged.Kind.STATE_CHANGED, after.id(), before, after);
        } else if (!before.raw().equals(after.raw()) && !sameIgnoringUptime(before, after)) {
            change = new VmChanged(VmChanged.Kind.UPDATED, after.id(), before, after);
        } else {
            return;
        }
        log.debug("VM {} {}", change.vmId(), change.kind());
        events.publishEvent(change);
    }

    private static boolean sameIgnoringUptime(Vm before, Vm after) {
        var a = before.raw().deepCopy();
        var b = after.raw().deepCopy();
        a.remove("Uptime");
        b.remove("Uptime");
        return a.equals(b);
    }

    /** Changes when a VM appears, disappears, changes state, size, owner or address — what the scheduler uses. */
    static String digest(Map<String, Vm> vms) {
        List<String> lines = new ArrayList<>();
        vms.values()
                .forEach(vm -> lines.add(String.join(
                        "|",
                        vm.id(),
                        vm.name(),
                        vm.state(),
                        String.valueOf(vm.cpus()),
                        String.valueOf(vm.memoryMb()),
                        String.valueOf(vm.diskMb()),
                        Objects.toString(vm.ip(), ""),
                        vm.owner(),
                        vm.type())));
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> sha.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String id) {
        return Vm.stripBraces(id).toLowerCase(java.util.Locale.ROOT);
    }
}
