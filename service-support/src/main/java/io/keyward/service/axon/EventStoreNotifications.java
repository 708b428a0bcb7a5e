package io.keyward.service.axon;

import io.keyward.service.config.ListenerConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * New events, announced between processes on PostgreSQL channel {@code keyward_events}, each way on a dedicated
 * connection (ADR 5):
 * <ul>
 * <li><b>Listening</b>: every notification from another process wakes the {@link WakeableEventStore}. If the
 * connection drops it reconnects with back-off and wakes the store once, in case it missed a notification meanwhile;
 * the store's own periodic poll remains the safety net.</li>
 * <li><b>Announcing</b>: after this process commits events, one notification (its payload this process's origin id,
 * which its own listener ignores) is sent outside the committing transaction, at once when the last one is older than
 * the announce interval, else when it is that old: the commits of a busy moment share one notification, and a quiet
 * system's first commit is announced without delay. A notification inside each command's transaction cost
 * PostgreSQL about a third of its commit throughput, serialized those commits on its notification queue lock, and
 * woke every listening session of every process once per command.</li>
 * </ul>
 */
public class EventStoreNotifications implements SmartLifecycle {

    public static final String CHANNEL = "keyward_events";
    private static final Logger log = LoggerFactory.getLogger(EventStoreNotifications.class);

    private final String url;
    private final Properties listenerCredentials;
    private final Properties announcerCredentials;
    private final WakeableEventStore eventStore;
    private final String origin = UUID.randomUUID().toString();
    private final Semaphore committed = new Semaphore(0);
    private volatile boolean running;
    private Thread listener;
    private Thread announcer;

    private final long announceIntervalNanos;

    public EventStoreNotifications(String url, String username, String password, WakeableEventStore eventStore,
                                   Duration announceInterval) {
        this.url = url;
        this.announceIntervalNanos = announceInterval.toNanos();
        this.listenerCredentials = ListenerConnections.properties(username, password, "keyward-event-listener");
        this.announcerCredentials = ListenerConnections.properties(username, password, "keyward-event-announcer");
        this.eventStore = eventStore;
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = daemon(this::listen, "keyward-event-notifications");
        announcer = daemon(this::announce, "keyward-event-announcer");
        eventStore.onCommittedHere(committed::release);
    }

    @Override
    public synchronized void stop() {
        running = false;
        eventStore.onCommittedHere(() -> {
        });
        for (Thread thread : new Thread[] {listener, announcer}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void listen() {
        long backoffMillis = 100;
        while (running && !Thread.currentThread().isInterrupted()) {
            try (Connection connection = DriverManager.getConnection(url, listenerCredentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                eventStore.wakeUp();
                backoffMillis = 100;
                log.debug("Listening for new events on channel {}", CHANNEL);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (fromElsewhere(notifications)) {
                        eventStore.wakeUp();
                    }
                }
            } catch (SQLException e) {
                backoffMillis = pause("Event notifications interrupted", e, backoffMillis);
            }
        }
    }

    private boolean fromElsewhere(PGNotification[] notifications) {
        if (notifications != null) {
            for (PGNotification notification : notifications) {
                if (!origin.equals(notification.getParameter())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void announce() {
        long backoffMillis = 100;
        try {
            committed.acquire(); // connects at the first commit: a process that writes no events holds no connection
            while (running && !Thread.currentThread().isInterrupted()) {
                try (Connection connection = DriverManager.getConnection(url, announcerCredentials);
                     PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    notify.setString(1, CHANNEL);
                    notify.setString(2, origin);
                    backoffMillis = 100;
                    while (running) {
                        committed.drainPermits();
                        notify.execute(); // on failure: reconnect, then announce at once
                        long announced = System.nanoTime();
                        committed.acquire();
                        long sinceLast = System.nanoTime() - announced;
                        if (sinceLast < announceIntervalNanos) {
                            TimeUnit.NANOSECONDS.sleep(announceIntervalNanos - sinceLast);
                        }
                    }
                } catch (SQLException e) {
                    backoffMillis = pause("Announcing new events failed", e, backoffMillis);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs a connection failure (unless stopping), waits, and returns the next back-off. */
    private long pause(String what, SQLException e, long backoffMillis) {
        if (!running) {
            return backoffMillis;
        }
        log.warn("{} ({}); reconnecting in {} ms", what, e.getMessage(), backoffMillis);
        try {
            Thread.sleep(backoffMillis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return Math.min(backoffMillis * 2, 5_000);
    }
}
