package io.keyward.command.config;

import io.keyward.command.lookup.IdentityLookups;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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
}
