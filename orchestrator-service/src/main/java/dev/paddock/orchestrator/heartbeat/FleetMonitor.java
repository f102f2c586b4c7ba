package dev.paddock.orchestrator.heartbeat;

import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.host.HostEnrollment;
import dev.paddock.orchestrator.host.HostHealth;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import dev.paddock.orchestrator.scheduling.Reservations;
import dev.paddock.orchestrator.vm.FleetVms;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The fleet's periodic duties, done by one replica at a time (whoever takes the advisory lock): mark push hosts that
 * stopped heartbeating unhealthy, poll hosts registered by URL, release capacity reservations whose creation never
 * finished, and forget expired enrollment tokens.
 */
@Component
class FleetMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetMonitor.class);

    private final Hosts hosts;
    private final HostHealth health;
    private final HostEnrollment enrollment;
    private final Reservations reservations;
    private final FleetVms vms;
    private final AgentClients agents;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final OrchestratorProperties.Fleet fleet;
    private final Clock clock;
    private volatile @Nullable ScheduledExecutorService timer;

    FleetMonitor(
            Hosts hosts,
            HostHealth health,
            HostEnrollment enrollment,
            Reservations reservations,
            FleetVms vms,
            AgentClients agents,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            OrchestratorProperties properties,
            Clock clock) {
        this.hosts = hosts;
        this.health = health;
        this.enrollment = enrollment;
        this.reservations = reservations;
        this.vms = vms;
        this.agents = agents;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.fleet = properties.fleet();
        this.clock = clock;
    }

    void tick() {
        try {
            Boolean leader = transactions.execute(status -> {
                Boolean locked = jdbc.queryForObject(
                        "select pg_try_advisory_xact_lock(hashtext('paddock.fleet.monitor'))", Boolean.class);
                if (!Boolean.TRUE.equals(locked)) {
                    return false;
                }
                health.markSilentHostsUnhealthy(clock.instant().minus(fleet.unhealthyAfter()));
                // Each table is written by its owner: reservations by scheduling, tokens by the host feature.
                int released = reservations.releaseExpired();
                if (released > 0) {
                    log.warn("Released {} capacity reservations whose VM creation never finished", released);
                }
                enrollment.forgetTokensExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
                return true;
            });
            if (Boolean.TRUE.equals(leader)) {
                pollHosts();
            }
        } catch (RuntimeException e) {
            log.warn("Fleet monitor tick failed: {}", e.toString());
        }
    }

    /** Hosts registered by URL do not push: ask each for its report and VM list. */
    private void pollHosts() {
        List<HostSummary> polled = hosts.summaries().stream()
                .filter(h -> h.mode().equals("poll") && h.enabled())
                .toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (HostSummary host : polled) {
                pool.submit(() -> {
                    try {
                        var agent = agents.asOrchestrator(host.target(), Duration.ofSeconds(10));
                        JsonNode hardware = agent.hardware();
                        vms.replaceHostVms(host.id(), agent::machines);
                        health.recordPoll(host.id(), hardware, null);
                    } catch (RuntimeException e) {
                        health.recordPoll(host.id(), null, "poll failed: " + e.getMessage());
                    }
                });
            }
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("fleet-monitor").daemon().factory());
        long period = fleet.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
        timer = scheduler;
    }

    @Override
    public void stop() {
        ScheduledExecutorService scheduler = timer;
        if (scheduler != null) {
            scheduler.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
