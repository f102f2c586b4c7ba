package dev.paddock.agent.inventory;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.CommandRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows {@code prlctl monitor-events --json} and keeps the {@link VmInventory} current from it: a state or config
 * event refreshes that VM, a delete or unregister drops it. When the stream ends or fails, the whole inventory is
 * re-listed (events may have been missed) and the stream restarted after a backoff that doubles up to a limit. A timer
 * re-lists everything periodically as a safety net.
 */
@Component
class EventMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventMonitor.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

    private final CommandRunner runner;
    private final VmInventory inventory;
    private final AgentProperties.Inventory settings;
    private volatile @Nullable ScheduledExecutorService timer;

    private volatile boolean running;
    private volatile @Nullable Process stream;
    private volatile @Nullable Thread reader;
    private volatile long restarts;

    EventMonitor(CommandRunner runner, VmInventory inventory, AgentProperties properties) {
        this.runner = runner;
        this.inventory = inventory;
        this.settings = properties.inventory();
    }

    /** Restartable: Spring stops and starts cached contexts (tests), so each start makes its own threads. */
    @Override
    public void start() {
        running = true;
        long period = settings.refreshInterval().toMillis();
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("inventory-refresh").daemon().factory());
        refresher.scheduleWithFixedDelay(this::safeRefreshAll, 0, period, TimeUnit.MILLISECONDS);
        timer = refresher;
        if (settings.eventStream()) {
            reader = Thread.ofPlatform().name("pd-event-stream").daemon().start(this::followForever);
        }
    }

    /** How many times the stream had to be restarted (exposed for tests and metrics). */
    long restarts() {
        return restarts;
    }

    private void followForever() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            Instant started = Instant.now();
            try {
                follow();
            } catch (IOException | RuntimeException e) {
                log.warn("Parallels event stream failed: {}", e.toString());
            }
            if (!running) {
                return;
            }
            restarts++;
            // Events may have been missed while the stream was down: re-list everything.
            safeRefreshAll();
            backoff = Duration.between(started, Instant.now()).compareTo(STABLE_AFTER) > 0
                    ? Duration.ofSeconds(1)
                    : min(backoff.multipliedBy(2), settings.maxBackoff());
            log.info("Restarting the Parallels event stream in {} ms", backoff.toMillis());
            sleep(backoff);
        }
    }

    private void follow() throws IOException {
        Process process = runner.startPrlctl(List.of("monitor-events", "--json"));
        stream = process;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (running && (line = lines.readLine()) != null) {
                handle(line);
            }
        } finally {
            process.destroy();
        }
    }

    private void handle(String line) {
        if (line.isBlank()) {
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
                default -> inventory.refresh(vmId);
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
        Process process = stream;
        if (process != null) {
            process.destroy();
        }
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
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
