package io.keyward.command.ops;

import io.keyward.command.kafka.KafkaPublisher;
import io.keyward.command.kafka.KafkaTopicProvisioner;
import io.keyward.service.axon.ProcessorPositions;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Publishes the events from a point in time to Kafka again, for a SIEM that lost data: a processor of its own
 * ({@code kafka-republish}, with its own position), so the live publisher is not disturbed. It stops at the newest
 * event as of the request. The records are the same as the first time (same {@code id}); consumers dedupe on it.
 */
@Service
public class KafkaRepublisher {

    static final String PROCESSOR = "kafka-republish";
    private static final Logger log = LoggerFactory.getLogger(KafkaRepublisher.class);

    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final ProcessorPositions positions;
    private final JdbcTemplate jdbc;
    private final Producer<String, byte[]> producer;
    private final KafkaTopicProvisioner topics;
    private final Clock clock;
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-republish-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Progress progress;
    private volatile TrackingEventProcessor processor;

    public KafkaRepublisher(EventStore eventStore, TokenStore tokenStore, TransactionManager transactions,
                            ProcessorPositions positions, JdbcTemplate jdbc, Producer<String, byte[]> producer,
                            KafkaTopicProvisioner topics, Clock clock) {
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.positions = positions;
        this.jdbc = jdbc;
        this.producer = producer;
        this.topics = topics;
        this.clock = clock;
    }

    public synchronized OperationStatus start(Instant from) {
        if (progress != null && progress.isRunning()) {
            throw new KeywardException(ErrorCode.CONCURRENT_MODIFICATION, "A re-publication is already running.");
        }
        TrackingToken start = eventStore.createTokenAt(from);
        long startIndex = start == null ? 0 : start.position().orElse(0);
        long until = positions.read(KafkaPublisher.GROUP).head();
        Progress run = new Progress("kafka-republish", clock, Math.max(0, until - startIndex),
                "events since " + from);
        progress = run;
        jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", PROCESSOR);
        TrackingEventProcessor republish = TrackingEventProcessor.builder()
                .name(PROCESSOR)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(List.of(new KafkaPublisher(producer, topics)))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(transactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(500).andInitialSegmentsCount(1)
                        .andInitialTrackingToken(source -> start))
                .build();
        processor = republish;
        republish.start();
        log.info("Re-publishing {} events since {} to Kafka", run.status().eventsTotal(), from);
        monitor.schedule(() -> watch(run, startIndex, until), 500, TimeUnit.MILLISECONDS);
        return run.status();
    }

    public OperationStatus status() {
        Progress current = progress;
        return current == null ? new OperationStatus("kafka-republish", "idle", 0, 0, 0, null, null, null, null)
                : current.status();
    }

    private void watch(Progress run, long startIndex, long until) {
        try {
            long reached = positions.read(PROCESSOR).index();
            run.done(Math.max(0, reached - startIndex));
            if (reached >= until) {
                processor.shutDown();
                jdbc.update("DELETE FROM tokenentry WHERE processorname = ?", PROCESSOR);
                run.complete();
                log.info("Re-published {} events to Kafka", run.status().eventsDone());
                return;
            }
        } catch (RuntimeException e) {
            log.warn("Following the re-publication failed: {}", e.toString());
        }
        monitor.schedule(() -> watch(run, startIndex, until), 500, TimeUnit.MILLISECONDS);
    }
}
