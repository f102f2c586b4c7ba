package dev.paddock.orchestrator.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Holds one connection that {@code LISTEN}s for events and hands them to this replica's hub. If the connection breaks
 * it is re-opened after a pause; events published meanwhile are lost to this replica's subscribers (as with any live
 * stream), which is why clients re-read state after reconnecting.
 */
@Component
class EventListenerLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventListenerLoop.class);

    private final DataSource dataSource;
    private final EventHub hub;
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    EventListenerLoop(DataSource dataSource, EventHub hub) {
        this.dataSource = dataSource;
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("event-listener").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventBus.CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            hub.deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Event listener connection lost ({}); reconnecting", e.toString());
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
