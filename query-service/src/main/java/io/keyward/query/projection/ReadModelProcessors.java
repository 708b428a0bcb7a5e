package io.keyward.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.keyward.service.axon.ProcessorPositions;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the projections of the read models, one tracking processor per generation, and rebuilds them by replay:
 * a new generation is filled from the first event on, beside the live one, which keeps serving reads; once the new
 * one has processed everything committed so far, reads switch to it at once (here, and within seconds on every other
 * instance, which watch the active generation in MongoDB), and the old generation is dropped a little later.
 */
public class ReadModelProcessors implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProcessors.class);
    private static final String STATE = "read_model_state";
    private static final String STATE_ID = "read-models";
    private static final Pattern GENERATION = Pattern.compile("_g(\\d+)$");

    private final MongoDatabase database;
    private final ReadModels readModels;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final ProcessorPositions positions;
    private final JdbcTemplate jdbc;
    private final int batchSize;
    private final Duration dropDelay;
    private final Clock clock;
    private final Map<Integer, TrackingEventProcessor> processors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Rebuild rebuild;
    private volatile boolean running;

    public ReadModelProcessors(MongoDatabase database, ReadModels readModels, EventStore eventStore,
                               TokenStore tokenStore, TransactionManager transactions, ProcessorPositions positions,
                               JdbcTemplate jdbc, int batchSize, Duration dropDelay, Clock clock) {
        this.database = database;
        this.readModels = readModels;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.positions = positions;
        this.jdbc = jdbc;
        this.batchSize = batchSize;
        this.dropDelay = dropDelay;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        int generation = storedGeneration();
        startProcessor(generation);
        readModels.activate(new ReadModelNames(generation));
        scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        running = true;
        log.info("Read models: generation {} serves reads", generation);
    }

    @Override
    public synchronized void stop() {
        running = false;
        scheduler.shutdownNow();
        processors.values().forEach(TrackingEventProcessor::shutDown);
        processors.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The processor filling the generation that serves reads. */
    public TrackingEventProcessor activeProcessor() {
        return processors.get(readModels.names().generation());
    }

    /** Starts a rebuild into a new generation; 409 if one is already running here. */
    public synchronized RebuildStatus startRebuild() {
        if (rebuild != null && rebuild.completedAt == null) {
            throw new KeywardException(ErrorCode.CONCURRENT_MODIFICATION,
                    "A rebuild of the read models is already running.");
        }
        int from = readModels.names().generation();
        int to = Math.max(from, highestGenerationPresent()) + 1;
        long total = Math.max(0, positions.read(new ReadModelNames(from).processorName()).head());
        discard(to);
        rebuild = new Rebuild(from, to, total, clock.instant());
        startProcessor(to);
        log.info("Rebuilding the read models: generation {} from {} events; generation {} serves reads meanwhile",
                to, total, from);
        return status();
    }

    public RebuildStatus status() {
        Rebuild current = rebuild;
        if (current == null) {
            return RebuildStatus.idle(readModels.names().generation());
        }
        return current.status();
    }

    private void watch() {
        try {
            Rebuild current = rebuild;
            if (current != null && current.completedAt == null) {
                progress(current);
            }
            int stored = storedGeneration();
            if (stored != readModels.names().generation() && (current == null || current.completedAt != null)) {
                log.info("Read models: generation {} took over on another instance", stored);
                switchTo(stored);
            }
        } catch (RuntimeException e) {
            log.warn("Watching the read models failed: {}", e.toString());
        }
    }

    private synchronized void progress(Rebuild current) {
        TrackingEventProcessor processor = processors.get(current.to);
        if (processor != null && processor.isError()) {
            log.warn("Rebuild of generation {} is retrying after an error", current.to);
        }
        ProcessorPositions.Position position = positions.read(new ReadModelNames(current.to).processorName());
        current.done = Math.max(0, position.index());
        if (positions.covers(position.token(), position.head())) {
            database.getCollection(STATE).replaceOne(new Document("_id", STATE_ID),
                    new Document("_id", STATE_ID).append("generation", current.to), new ReplaceOptions().upsert(true));
            switchTo(current.to);
            current.completedAt = clock.instant();
            RebuildStatus done = current.status();
            log.info("Rebuild complete: generation {} serves reads ({} events in {} s, {} events/s)", current.to,
                    done.eventsDone(), Duration.between(current.startedAt, current.completedAt).toSeconds(),
                    Math.round(done.eventsPerSecond()));
        } else if (Duration.between(current.lastLogged, clock.instant()).toSeconds() >= 5) {
            RebuildStatus status = current.status();
            log.info("Rebuilding generation {}: {} of {} events, {} events/s, about {} s left", current.to,
                    status.eventsDone(), status.eventsTotal(), Math.round(status.eventsPerSecond()),
                    status.secondsLeft());
            current.lastLogged = clock.instant();
        }
    }

    private synchronized void switchTo(int generation) {
        if (!processors.containsKey(generation)) {
            startProcessor(generation);
        }
        int old = readModels.names().generation();
        readModels.activate(new ReadModelNames(generation));
        TrackingEventProcessor retired = processors.remove(old);
        if (retired != null) {
            retired.shutDown();
        }
        // Other instances read the old generation until their watcher switches: drop it a little later.
        scheduler.schedule(() -> discard(old), dropDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startProcessor(int generation) {
        ReadModelNames names = new ReadModelNames(generation);
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(names.processorName())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(List.of(new ServiceAccountProjection(database, names),
                                new HumanUserProjection(database, names)))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(batchSize).andInitialSegmentsCount(1))
                .build();
        processors.put(generation, processor);
        processor.start();
    }

    /** Drops a generation's collections and forgets its processor's position. */
    private void discard(int generation) {
        if (generation == readModels.names().generation() || processors.containsKey(generation)) {
            return;
        }
        ReadModelNames names = new ReadModelNames(generation);
        for (String collection : List.of(names.serviceAccounts(), names.personalAccessTokens(), names.patIds(),
                names.humanUsers())) {
            database.getCollection(collection).drop();
        }
        jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", names.processorName());
        log.info("Dropped read model generation {}", generation);
    }

    private int highestGenerationPresent() {
        int highest = 0;
        for (String collection : database.listCollectionNames()) {
            Matcher matcher = GENERATION.matcher(collection);
            if (collection.startsWith("service_accounts_" + ReadModelNames.SCHEMA) && matcher.find()) {
                highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
            }
        }
        return highest;
    }

    private int storedGeneration() {
        MongoCollection<Document> state = database.getCollection(STATE);
        Document stored = state.find(new Document("_id", STATE_ID)).first();
        if (stored == null) {
            state.replaceOne(new Document("_id", STATE_ID), new Document("_id", STATE_ID).append("generation", 1),
                    new ReplaceOptions().upsert(true));
            return 1;
        }
        return stored.getInteger("generation");
    }

    private final class Rebuild {
        final int from;
        final int to;
        final long total;
        final Instant startedAt;
        volatile long done;
        volatile Instant completedAt;
        volatile Instant lastLogged;

        Rebuild(int from, int to, long total, Instant startedAt) {
            this.from = from;
            this.to = to;
            this.total = total;
            this.startedAt = startedAt;
            this.lastLogged = startedAt;
        }

        RebuildStatus status() {
            Instant end = completedAt == null ? clock.instant() : completedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            double rate = done / seconds;
            Long left = completedAt != null ? Long.valueOf(0) : rate > 0
                    ? Long.valueOf(Math.round(Math.max(0, total - done) / rate)) : null;
            return new RebuildStatus(completedAt == null ? "running" : "completed", from, to, done, total, rate,
                    left, startedAt.toString(), completedAt == null ? null : completedAt.toString(), null);
        }
    }
}
