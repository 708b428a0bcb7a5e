package io.keyward.command.ops;

import io.keyward.command.lookup.LookupTables;
import io.keyward.events.KeywardEvent;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the command-side lookups ({@code kw_principal}, {@code kw_credential}) by replaying the event store into
 * shadow tables, while the live ones keep serving commands and authentication. The last step locks the live tables
 * (commands wait, for as long as the few events written meanwhile take to apply), applies those events, and copies
 * the shadow tables over the live ones, all in one transaction. Usage data ({@code kw_credential_usage}) is kept.
 */
@Service
public class LookupRebuild {

    private static final Logger log = LoggerFactory.getLogger(LookupRebuild.class);
    private static final int BATCH = 1_000;

    private final EventStorageEngine events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile Progress progress;

    public LookupRebuild(EventStorageEngine events, JdbcTemplate jdbc, TransactionTemplate transactions,
                         Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public synchronized OperationStatus start() {
        if (progress != null && progress.isRunning()) {
            throw new KeywardException(ErrorCode.CONCURRENT_MODIFICATION, "A rebuild of the lookups is running.");
        }
        Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
        Progress run = new Progress("lookups-rebuild", clock, head == null ? 0 : head, null);
        progress = run;
        Thread worker = new Thread(() -> rebuild(run), "lookup-rebuild");
        worker.setDaemon(true);
        worker.start();
        return run.status();
    }

    public OperationStatus status() {
        Progress current = progress;
        return current == null ? new OperationStatus("lookups-rebuild", "idle", 0, 0, 0, null, null, null, null)
                : current.status();
    }

    private void rebuild(Progress run) {
        try {
            LookupTables shadow = LookupTables.SHADOW;
            jdbc.execute("DROP TABLE IF EXISTS " + shadow.principals() + ", " + shadow.credentials());
            jdbc.execute("CREATE TABLE " + shadow.principals() + " (LIKE kw_principal INCLUDING ALL)");
            jdbc.execute("CREATE TABLE " + shadow.credentials() + " (LIKE kw_credential INCLUDING ALL)");

            TrackingToken position = replay(null, run, shadow, true);
            transactions.executeWithoutResult(status -> {
                jdbc.execute("LOCK TABLE kw_principal, kw_credential IN ACCESS EXCLUSIVE MODE");
                replay(position, run, shadow, false);
                jdbc.execute("TRUNCATE kw_principal, kw_credential");
                jdbc.execute("INSERT INTO kw_principal SELECT * FROM " + shadow.principals());
                jdbc.execute("INSERT INTO kw_credential SELECT * FROM " + shadow.credentials());
                jdbc.execute("DROP TABLE " + shadow.principals() + ", " + shadow.credentials());
            });
            run.complete();
            OperationStatus done = run.status();
            log.info("Lookups rebuilt from {} events in {} s ({} events/s)", done.eventsDone(),
                    Duration.between(Instant.parse(done.startedAt()), Instant.parse(done.completedAt()))
                            .toSeconds(), Math.round(done.eventsPerSecond()));
        } catch (RuntimeException e) {
            log.error("Rebuilding the lookups failed; the live lookups are unchanged", e);
            run.fail(e.toString());
        }
    }

    /** Applies every event after {@code from} to the shadow tables, in transactions of {@link #BATCH} events. */
    private TrackingToken replay(TrackingToken from, Progress run, LookupTables shadow, boolean ownTransactions) {
        TrackingToken position = from;
        Instant lastLog = clock.instant();
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (iterator.hasNext()) {
                List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
                while (iterator.hasNext() && batch.size() < BATCH) {
                    batch.add(iterator.next());
                }
                Runnable apply = () -> batch.forEach(message -> {
                    if (message.getPayload() instanceof KeywardEvent event) {
                        shadow.apply(jdbc, event);
                    }
                });
                if (ownTransactions) {
                    transactions.executeWithoutResult(status -> apply.run());
                } else {
                    apply.run();
                }
                position = batch.get(batch.size() - 1).trackingToken();
                position.position().ifPresent(run::done);
                if (Duration.between(lastLog, clock.instant()).toSeconds() >= 5) {
                    OperationStatus status = run.status();
                    log.info("Rebuilding the lookups: {} of {} events, {} events/s, about {} s left",
                            status.eventsDone(), status.eventsTotal(), Math.round(status.eventsPerSecond()),
                            status.secondsLeft());
                    lastLog = clock.instant();
                }
            }
        }
        return position;
    }
}
