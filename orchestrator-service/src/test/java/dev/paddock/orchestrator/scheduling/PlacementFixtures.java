package dev.paddock.orchestrator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.orchestrator.host.HostCapacity;
import dev.paddock.orchestrator.host.HostSummary;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Hosts, capacities and demands for the placement rules' tables, without Spring or a database. */
final class PlacementFixtures {

    private PlacementFixtures() {}

    static HostSummary host(String name) {
        return host(name, true, false, "healthy", "arm64", List.of());
    }

    static HostSummary host(
            String name,
            boolean enabled,
            boolean draining,
            String state,
            @Nullable String architecture,
            List<String> tags) {
        return new HostSummary(
                UUID.nameUUIDFromBytes(name.getBytes()),
                name,
                URI.create("http://" + name + ":3080"),
                enabled,
                draining,
                state,
                architecture,
                tags,
                List.of(),
                List.of(),
                "push",
                null,
                null);
    }

    /**
     * A host whose free capacity comes out as given: a 16-CPU, 64 GB, 500 GB-disk Mac with some kept for itself, some
     * held by running VMs and some promised to VMs being created, so the rules are held to the whole arithmetic.
     */
    static HostCapacity free(int cpus, long memoryMb, long diskMb, int macVms) {
        int totalCpus = 16;
        long totalMemoryMb = 65536;
        long freeDiskMb = 512000;
        // Kept for the host, in use, and promised: the rest is what the test asked for.
        int systemCpus = 1, pendingCpus = 1;
        long systemMemoryMb = 2048, pendingMemoryMb = 1024, systemDiskMb = 10240;
        return new HostCapacity(
                totalCpus,
                totalMemoryMb,
                freeDiskMb,
                systemCpus,
                systemMemoryMb,
                systemDiskMb,
                totalCpus - systemCpus - pendingCpus - cpus,
                totalMemoryMb - systemMemoryMb - pendingMemoryMb - memoryMb,
                macVms > 0 ? macVms - 1 : 0,
                pendingCpus,
                pendingMemoryMb,
                freeDiskMb - systemDiskMb - diskMb,
                macVms > 0 ? 1 : 0);
    }

    static HostCapacity roomy() {
        return free(8, 32768, 256000, 0);
    }

    static Candidate candidate(HostSummary host) {
        return new Candidate(host, roomy(), false, false);
    }

    static Candidate candidate(HostSummary host, @Nullable HostCapacity capacity) {
        return new Candidate(host, capacity, false, false);
    }

    static Demand demand() {
        return demand(2, 4096, 0, false);
    }

    static Demand demand(int cpus, long memoryMb, long diskMb, boolean macos) {
        return new Demand("vm-1", cpus, memoryMb, diskMb, macos, null, List.of(), null, null, null);
    }

    static Demand demandFor(@Nullable String architecture) {
        return new Demand("vm-1", 2, 4096, 0, false, architecture, List.of(), null, null, null);
    }

    static Demand demandTagged(List<String> tags) {
        return new Demand("vm-1", 2, 4096, 0, false, null, tags, null, null, null);
    }

    static Demand copyOf(String sourceVm) {
        return new Demand("vm-1", 2, 4096, 0, false, null, List.of(), sourceVm, null, null);
    }

    /** {@code reason} null means the host passes. */
    static void assertOutcome(Optional<Rejection> outcome, HostSummary host, @Nullable String reason) {
        if (reason == null) {
            assertThat(outcome).isEmpty();
        } else {
            assertThat(outcome).contains(new Rejection(host.name(), reason));
        }
    }

    static List<String> tags(@Nullable String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of() : List.of(commaSeparated.split(","));
    }
}
