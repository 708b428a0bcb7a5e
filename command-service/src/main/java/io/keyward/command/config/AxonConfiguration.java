package io.keyward.command.config;

import io.keyward.command.lookup.IdentityLookups;
import java.util.concurrent.Executors;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Event processing of the write side. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * The lookups run in the command's own transaction (subscribing processor), and their failures fail the
     * command: with Axon's default error handler a failed insert would only be logged, PostgreSQL would roll the
     * transaction back, and the caller would be told all went well while no event was stored.
     */
    @Bean
    ConfigurerModule identityLookupsProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(IdentityLookups.GROUP)
                .registerListenerInvocationErrorHandler(IdentityLookups.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    /**
     * Every {@value #SNAPSHOT_EVERY} events an account is snapshotted, so loading it costs at most that many events
     * after the snapshot, however many PATs it has had. A snapshot that no longer deserializes (the class changed)
     * is skipped by Axon, which then replays the events.
     */
    @Bean
    SnapshotTriggerDefinition userAccountSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }

    static final int SNAPSHOT_EVERY = 50;

    /**
     * Snapshots are taken on a thread of their own, after the command that triggered one has been answered and its
     * aggregate lock released. Axon's default takes it on the command's thread while that thread still holds the
     * lock, replaying the account once more and asking the pool for a second connection: with as many commands
     * queued for the lock as the pool has connections, each holding one, that waited for the pool's timeout.
     */
    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter() {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "keyward-snapshotter");
            thread.setDaemon(true);
            return thread;
        }));
        return snapshotter;
    }
}
