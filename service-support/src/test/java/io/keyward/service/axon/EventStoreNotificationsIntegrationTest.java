package io.keyward.service.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyward.testing.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes' event stores over one real PostgreSQL (the events themselves stay in memory here: what is tested is
 * the announcing): what one commits wakes the other at once, never itself, and a burst of commits shares
 * announcements instead of costing one each.
 */
class EventStoreNotificationsIntegrationTest {

    private final List<EventStoreNotifications> notifications = new ArrayList<>();
    private CountingStore writer;
    private CountingStore reader;

    @BeforeEach
    void twoProcesses() {
        String url = TestStores.newPostgresDatabase();
        writer = process(url);
        reader = process(url);
        // each listener wakes its store once when it has connected
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.wakeUps.get() >= 1 && reader.wakeUps.get() >= 1);
    }

    @AfterEach
    void stop() {
        notifications.forEach(EventStoreNotifications::stop);
    }

    private CountingStore process(String url) {
        CountingStore store = new CountingStore();
        EventStoreNotifications process = new EventStoreNotifications(url, "postgres", "", store,
                Duration.ofMillis(50));
        process.start();
        notifications.add(process);
        return store;
    }

    @Test
    void aCommitHereWakesTheOtherProcessAtOnceButNotThisOne() throws Exception {
        int writerBefore = writer.wakeUps.get();
        int readerBefore = reader.wakeUps.get();

        long committed = System.nanoTime();
        writer.publish(GenericEventMessage.asEventMessage("account created"));

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.wakeUps.get() > readerBefore);
        assertThat((System.nanoTime() - committed) / 1_000_000).as("ms from commit to the other's wake-up")
                .isLessThan(1_000); // far below the store's fallback poll
        Thread.sleep(300);
        assertThat(writer.wakeUps.get()).as("its own announcement does not wake the writer").isEqualTo(writerBefore);
    }

    @Test
    void aBurstOfCommitsSharesAnnouncements() throws Exception {
        int readerBefore = reader.wakeUps.get();

        // 200 commits within about a second, announced at most every 50 ms
        for (int i = 0; i < 200; i++) {
            writer.publish(GenericEventMessage.asEventMessage("event " + i));
            Thread.sleep(5);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.wakeUps.get() > readerBefore);
        Thread.sleep(300);
        int announcements = reader.wakeUps.get() - readerBefore;
        assertThat(announcements).as("announcements heard for 200 commits").isBetween(1, 60);
    }

    /** A process's event store that counts how often it was woken by another process. */
    private static final class CountingStore extends WakeableEventStore {

        final AtomicInteger wakeUps = new AtomicInteger();

        CountingStore() {
            super(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()));
        }

        @Override
        public void wakeUp() {
            wakeUps.incrementAndGet();
            super.wakeUp();
        }
    }
}
