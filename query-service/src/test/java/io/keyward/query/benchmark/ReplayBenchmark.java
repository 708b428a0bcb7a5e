package io.keyward.query.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.query.projection.ReadModelProcessors;
import io.keyward.query.projection.RebuildStatus;
import io.keyward.query.support.QueryServiceTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replay throughput of the read-model rebuild over a store of many events (default one million), written straight
 * into the event store in bulk. Not part of the test suite: run it with
 * {@code mvn -B -pl query-service -am test -Dtest=ReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dkeyward.benchmark.events=1000000}. Writes its figures to {@code query-service/target/replay-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "keyward.benchmark.events", matches = "\\d+")
class ReplayBenchmark extends QueryServiceTestBase {

    @Autowired
    private ReadModelProcessors processors;

    @Test
    void replay() throws Exception {
        int events = Integer.parseInt(System.getProperty("keyward.benchmark.events"));
        // only the rebuild reads the store: the live generation's processor pauses while the store is written
        processors.activeProcessor().shutDown();
        Instant writing = Instant.now();
        int written = writeStore(events);
        Duration writeTime = Duration.between(writing, Instant.now());

        Instant started = Instant.now();
        processors.startRebuild();
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> processors.status().state().equals("completed"));
        Duration replayTime = Duration.between(started, Instant.now());
        RebuildStatus status = processors.status();

        String report = String.format("events in the store: %d%nwritten in: %.1f s%nrebuild replayed: %d events in "
                        + "%.1f s%nreplay throughput: %.0f events/s%n", written, writeTime.toMillis() / 1000.0,
                status.eventsDone(), replayTime.toMillis() / 1000.0, status.eventsDone() * 1000.0
                        / replayTime.toMillis());
        System.out.print(report);
        Files.writeString(Path.of("target", "replay-benchmark.txt"), report);
        assertThat(status.eventsDone()).isGreaterThanOrEqualTo(written);
    }

    /**
     * A realistic mix: per account, created, two PATs issued, one revoked, one update in five. Rows are inserted
     * in batches of 1,000 with the serialized payloads Axon would write.
     */
    private int writeStore(int total) throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        IdGenerator ids = new IdGenerator(999);
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>(1_000);
        int written = 0;
        int account = 0;
        while (written < total) {
            String id = ids.next();
            String tenant = "bench-" + (account % 50);
            String first = ids.next();
            String second = ids.next();
            List<Object> events = new ArrayList<>(List.of(
                    new ServiceAccountCreatedEvent(UUID.randomUUID().toString(), tenant, id, "account-" + account,
                            "Account " + account, "benchmark", "Bearer", List.of(Role.SERVICE_ACCOUNT_MANAGER),
                            "1", now),
                    new PersonalAccessTokenIssuedEvent(UUID.randomUUID().toString(), tenant, id, first,
                            "aGFzaA", null, now.plusSeconds(86_400), null, "1", now),
                    new PersonalAccessTokenIssuedEvent(UUID.randomUUID().toString(), tenant, id, second,
                            "aGFzaA", null, now.plusSeconds(86_400), null, "1", now),
                    new PersonalAccessTokenRevokedEvent(UUID.randomUUID().toString(), tenant, id, first,
                            RevocationReason.DELETED, "1", now, now.plusSeconds(86_400))));
            if (account % 5 == 0) {
                events.add(new ServiceAccountUpdatedEvent(UUID.randomUUID().toString(), tenant, id, "Renamed",
                        "changed", "1", now));
            }
            for (int sequence = 0; sequence < events.size() && written < total; sequence++, written++) {
                Object event = events.get(sequence);
                rows.add(new Object[] {id, sequence, "UserAccount", UUID.randomUUID().toString(),
                        json.writeValueAsBytes(event), revision(event), event.getClass().getName(),
                        now.toString()});
                if (rows.size() == 1_000) {
                    flush(rows);
                }
            }
            account++;
        }
        flush(rows);
        return written;
    }

    private static String revision(Object event) {
        return event.getClass().getAnnotation(org.axonframework.serialization.Revision.class).value();
    }

    private void flush(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, ?, ?, ?, convert_to('{}', 'UTF8'), ?, ?, ?, ?)""", rows);
        rows.clear();
    }
}
