package dev.paddock.edge.routes;

import dev.paddock.edge.EdgeProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The configuration this replica serves. Every {@code routes-refresh-interval} it reads the generation (one tiny
 * query) and, when another replica or this one changed something, reloads and recompiles everything and tells its
 * subscribers (the listener manager). A failed read keeps serving the last configuration.
 */
@Component
public class LiveRoutes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveRoutes.class);

    private final ProxyHostStore store;
    private final TransactionTemplate transactions;
    private final ObjectProvider<ReservedPorts> ports;
    private final EdgeProperties properties;
    private final List<Consumer<RouteSnapshot>> subscribers = new CopyOnWriteArrayList<>();
    private volatile RouteSnapshot current = RouteSnapshot.EMPTY;
    private @Nullable ScheduledExecutorService refresher;

    LiveRoutes(
            ProxyHostStore store,
            TransactionTemplate transactions,
            ObjectProvider<ReservedPorts> ports,
            EdgeProperties properties) {
        this.store = store;
        this.transactions = transactions;
        this.ports = ports;
        this.properties = properties;
    }

    public RouteSnapshot current() {
        return current;
    }

    /** Called with every new configuration (and at once with the current one). */
    public void subscribe(Consumer<RouteSnapshot> subscriber) {
        subscribers.add(subscriber);
        subscriber.accept(current);
    }

    /** Reloads now if anything changed (after this replica's own changes, so they apply before the call returns). */
    public synchronized void refresh() {
        if (store.generation() == current.generation()) {
            return;
        }
        ProxyHostStore.Configuration configuration = transactions.execute(status -> store.configuration());
        if (configuration == null) {
            return;
        }
        RouteSnapshot next = RouteSnapshot.compile(
                configuration.enabled(),
                configuration.generation(),
                configuration.hosts(),
                ports.getObject().frontDoor());
        current = next;
        log.info(
                "Serving reverse-proxy configuration generation {} ({} hosts, {})",
                configuration.generation(),
                configuration.hosts().size(),
                configuration.enabled() ? "enabled" : "disabled");
        subscribers.forEach(subscriber -> subscriber.accept(next));
    }

    @Override
    public void start() {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("routes-refresh").factory());
        long every = properties.routesRefreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not refresh the reverse-proxy configuration (still serving generation {}): {}",
                    current.generation(),
                    e.toString());
        }
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }

    @Override
    public boolean isRunning() {
        return refresher != null;
    }

    /** After the front door (which it needs for the port) and before the listeners that subscribe to it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
