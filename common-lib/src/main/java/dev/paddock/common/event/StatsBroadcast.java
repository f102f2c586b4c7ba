package dev.paddock.common.event;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends this service's runtime figures on the reference's {@code stats} channel ("System Stats") every five seconds,
 * as the reference does, while anyone subscribes to it; nothing is measured while nobody listens.
 */
public final class StatsBroadcast implements AutoCloseable {

    /** The reference's channel for runtime figures. */
    public static final String CHANNEL = "stats";

    static final Duration PERIOD = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(StatsBroadcast.class);

    private final ScheduledExecutorService timer;

    public StatsBroadcast(EventSubscribers<?> subscribers, RuntimeStatsSampler sampler) {
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("stats-broadcast").daemon().factory());
        timer.scheduleAtFixedRate(
                () -> {
                    try {
                        if (subscribers.anyoneListensTo(CHANNEL)) {
                            subscribers.publish(EventMessage.of(CHANNEL, "System Stats", sampler.sample()));
                        }
                    } catch (RuntimeException e) {
                        // A failed round must not end the schedule; the next one tries again.
                        log.debug("Could not send runtime stats: {}", e.toString());
                    }
                },
                PERIOD.toMillis(),
                PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
