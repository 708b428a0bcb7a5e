package io.keyward.service.axon;

import io.keyward.service.config.ListenerConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL channel {@code keyward_events} (fed by a trigger on the event table, one notification per
 * committing transaction) with a dedicated connection, and wakes the {@link WakeableEventStore} on each
 * notification. If the connection drops it reconnects with back-off and wakes the store once, in case it missed a
 * notification meanwhile; the store's own periodic poll remains the safety net.
 */
public class EventStoreNotifications implements SmartLifecycle {

    public static final String CHANNEL = "keyward_events";
    private static final Logger log = LoggerFactory.getLogger(EventStoreNotifications.class);

    private final String url;
    private final Properties credentials;
    private final WakeableEventStore eventStore;
    private volatile boolean running;
    private Thread thread;

    public EventStoreNotifications(String url, String username, String password, WakeableEventStore eventStore) {
        this.url = url;
        this.credentials = ListenerConnections.properties(username, password, "keyward-event-listener");
        this.eventStore = eventStore;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "keyward-event-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoffMillis = 100;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                eventStore.wakeUp();
                backoffMillis = 100;
                log.debug("Listening for new events on channel {}", CHANNEL);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications != null && notifications.length > 0) {
                        eventStore.wakeUp();
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("Event notifications interrupted ({}); reconnecting in {} ms", e.getMessage(),
                        backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }
}
