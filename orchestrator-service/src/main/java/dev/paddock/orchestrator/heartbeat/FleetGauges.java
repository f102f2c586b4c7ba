package dev.paddock.orchestrator.heartbeat;

import dev.paddock.orchestrator.host.HostCount;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.vm.FleetVms;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The fleet as a whole, for dashboards and alerts: hosts by health, draining and disabled hosts, VMs by state. Counted
 * in PostgreSQL, at most once every {@link #REFRESH_EVERY} however often Prometheus scrapes, so every replica reports
 * the same fleet (aggregate across replicas with {@code max}, not {@code sum}).
 */
@Component
class FleetGauges implements MeterBinder {

    static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    static final List<String> HOST_STATES = List.of("healthy", "unhealthy", "unknown");
    static final List<String> VM_STATES = List.of("running", "stopped", "suspended", "paused", "other");

    private final Hosts hosts;
    private final FleetVms vms;
    private final Clock clock;
    private Map<String, Long> counts = Map.of();
    private long countedAt = Long.MIN_VALUE / 2;

    FleetGauges(Hosts hosts, FleetVms vms, Clock clock) {
        this.hosts = hosts;
        this.vms = vms;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String state : HOST_STATES) {
            gauge(registry, "paddock.fleet.hosts", "Hosts by health", "state", state, "host:" + state);
        }
        gauge(registry, "paddock.fleet.hosts.draining", "Hosts taking no new VMs", null, null, "draining");
        gauge(registry, "paddock.fleet.hosts.disabled", "Hosts the scheduler skips", null, null, "disabled");
        for (String state : VM_STATES) {
            gauge(registry, "paddock.fleet.vms", "VMs by state", "state", state, "vm:" + state);
        }
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            @Nullable String tag,
            @Nullable String value,
            String key) {
        ToDoubleFunction<FleetGauges> reading = gauges -> gauges.count(key);
        Gauge.Builder<FleetGauges> builder = Gauge.builder(name, this, reading).description(description);
        if (tag != null && value != null) {
            builder.tag(tag, value);
        }
        builder.register(registry);
    }

    private synchronized double count(String key) {
        long now = clock.millis();
        if (now - countedAt >= REFRESH_EVERY.toMillis()) {
            counts = countNow();
            countedAt = now;
        }
        return counts.getOrDefault(key, 0L);
    }

    private Map<String, Long> countNow() {
        Map<String, Long> fresh = new HashMap<>();
        for (HostCount count : hosts.countByState()) {
            String state = count.state();
            fresh.merge("host:" + (HOST_STATES.contains(state) ? state : "unknown"), count.hosts(), Long::sum);
            fresh.merge("draining", count.draining(), Long::sum);
            fresh.merge("disabled", count.disabled(), Long::sum);
        }
        vms.countByState().forEach((state, count) -> {
            fresh.merge("vm:" + (VM_STATES.contains(state) ? state : "other"), count, Long::sum);
        });
        return fresh;
    }
}
