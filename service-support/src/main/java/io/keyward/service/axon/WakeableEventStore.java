package io.keyward.service.axon;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's {@link EmbeddedEventStore} with a public way to wake its producer. Axon wakes it when this JVM commits
 * events; events committed by other processes are only seen at its next poll. {@link EventStoreNotifications}
 * calls {@link #wakeUp()} when PostgreSQL announces new events, so streaming processors here react within
 * milliseconds to commits made anywhere.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Makes the producer read the store now instead of at the end of its fetch delay. */
    public void wakeUp() {
        afterCommit(List.of());
    }
}
