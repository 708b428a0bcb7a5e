package io.keyward.service.axon;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's {@link EmbeddedEventStore} with a public way to wake its producer, and a hook on this JVM's own commits.
 * Axon wakes the producer when this JVM commits events; events committed by other processes are only seen at its
 * next poll. {@link EventStoreNotifications} calls {@link #wakeUp()} when another process announces new events, and
 * announces this JVM's commits to the others, so streaming processors everywhere react within milliseconds.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    private volatile Runnable committedHere = () -> {
    };

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Makes the producer read the store now instead of at the end of its fetch delay. */
    public void wakeUp() {
        super.afterCommit(List.of());
    }

    /** {@code listener} runs (on the committing thread; it must not block) after each commit of events here. */
    public void onCommittedHere(Runnable listener) {
        this.committedHere = listener;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        if (!events.isEmpty()) {
            committedHere.run();
        }
    }
}
