package dev.paddock.agent.inventory;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.CommandRunner;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Prlctl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code prlctl monitor-events --json} and keeps the {@link VmInventory} current from it: a state or config
 * event refreshes that VM, a delete or unregister drops it. PD sends each user only the events of their own VMs, so
 * there is one stream per owner, run as that owner, as in the reference (event_monitor.go:61-111). Each runs under a
 * pseudo-terminal: through a pipe prlctl's output is block-buffered and events would arrive in bursts, minutes late
 * (the reference's "Use a PTY to avoid buffering", event_monitor.go:72). When a stream ends or fails, the whole
 * inventory is re-listed (events may have been missed) and the stream restarted after a backoff that doubles up to a
 * limit. A timer re-lists everything periodically as a safety net, and starts streams for owners that appeared.
 */
@Component
class EventMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventMonitor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_AFTER = Duration.ofSeconds(2);

    private final CommandRunner runner;
    private final ParallelsDesktop parallels;
    private final VmInventory inventory;
    private final AgentProperties.Inventory settings;
    private final boolean runAsOwner;
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final AtomicLong restarts = new AtomicLong();
    private volatile @Nullable ScheduledExecutorService timer;
    private volatile boolean running;

    EventMonitor(CommandRunner runner, ParallelsDesktop parallels, VmInventory inventory, AgentProperties properties) {
        this.runner = runner;
        this.parallels = parallels;
        this.inventory = inventory;
        this.settings = properties.inventory();
        this.runAsOwner = properties.runAsOwner();
    }

    /** Restartable: Spring stops and starts cached contexts (tests), so each start makes its own threads. */
    @Override
    public void start() {
        running = true;
        long period = settings.refreshInterval().toMillis();
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("inventory-refresh").daemon().factory());
        refresher.scheduleWithFixedDelay(this::refreshAndFollow, 0, period, TimeUnit.MILLISECONDS);
        timer = refresher;
    }

    /** How many times a stream had to be restarted (exposed for tests and metrics). */
    long restarts() {
        return restarts.get();
    }

    private void refreshAndFollow() {
        safeRefreshAll();
        if (!settings.eventStream() || !running) {
            return;
        }
        try {
            for (String owner : parallels.owners()) {
                // A follower left from before a stop (Spring pauses idle test contexts) has ended: replace it.
                followers.compute(
                        owner,
                        (name, follower) -> follower != null && follower.alive() ? follower : new Follower(name));
            }
        } catch (RuntimeException e) {
            log.warn("Could not list Parallels Desktop's users to follow their events: {}", e.toString());
        }
    }

    /** One owner's event stream, restarted whenever it ends. */
    private final class Follower {
        private final String owner;
        private final Thread thread;
        private volatile @Nullable Process process;

        Follower(String owner) {
            this.owner = owner;
            this.thread =
                    Thread.ofPlatform().name("pd-events-" + owner).daemon().start(this::followForever);
        }

        private void followForever() {
            Duration backoff = Duration.ofSeconds(1);
            while (running) {
                Instant started = Instant.now();
                try {
                    follow();
                } catch (IOException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    log.warn("Parallels event stream of {} failed: {}", owner, e.toString());
                }
                if (!running) {
                    return;
                }
                restarts.incrementAndGet();
                // Events may have been missed while the stream was down: re-list everything.
                safeRefreshAll();
                backoff = Duration.between(started, Instant.now()).compareTo(STABLE_AFTER) > 0
                        ? Duration.ofSeconds(1)
                        : min(backoff.multipliedBy(2), settings.maxBackoff());
                log.info("Restarting the Parallels event stream of {} in {} ms", owner, backoff.toMillis());
                sleep(backoff);
            }
        }

        private void follow() throws IOException {
            Process started = runner.startLongRunning(
                    Prlctl.monitorEvents(), runAsOwner ? owner : null, settings.eventTerminal());
            process = started;
            catchUpAfterSubscribing();
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while (running && (line = lines.readLine()) != null) {
                    handle(line, owner);
                }
            } finally {
                started.destroy();
            }
        }

        boolean alive() {
            return thread.isAlive();
        }

        void stop() {
            Process current = process;
            if (current != null) {
                current.descendants().forEach(ProcessHandle::destroy);
                current.destroy();
            }
            thread.interrupt();
        }
    }

    /**
     * A stream sees only what happens after it has subscribed, which takes a moment after its process starts; a re-list
     * a little later catches what changed in between (the moment a stream starts or restarts is when that matters).
     */
    private void catchUpAfterSubscribing() {
        ScheduledExecutorService refresher = timer;
        if (refresher != null) {
            try {
                refresher.schedule(this::safeRefreshAll, CATCH_UP_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stopped meanwhile: nothing to catch up on
            }
        }
    }

    /** One line of the stream: a JSON event, or (under a terminal) a line ending in CR, or noise to skip. */
    private void handle(String raw, String owner) {
        String line = raw.strip();
        if (!line.startsWith("{")) {
            return;
        }
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (RuntimeException notJson) {
            log.debug("Ignoring a non-JSON event line: {}", line);
            return;
        }
        String vmId = event.path("VM ID").asString("");
        String name = event.path("Event name").asString("");
        if (vmId.isBlank()) {
            return;
        }
        try {
            switch (name) {
                case "vm_deleted", "vm_unregistered" -> inventory.forget(vmId);
                case "vm_snapshots_tree_changed" -> inventory.snapshotsChanged(vmId);
                default -> inventory.refresh(vmId, owner);
            }
        } catch (RuntimeException e) {
            log.warn("Could not apply event {} of VM {}: {}", name, vmId, e.toString());
        }
    }

    private void safeRefreshAll() {
        try {
            inventory.refreshAll();
        } catch (RuntimeException e) {
            log.warn("Could not list VMs from Parallels Desktop: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService refresher = timer;
        if (refresher != null) {
            refresher.shutdownNow();
            timer = null;
        }
        followers.values().forEach(Follower::stop);
        followers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
