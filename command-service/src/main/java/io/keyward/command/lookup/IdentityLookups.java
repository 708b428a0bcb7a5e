package io.keyward.command.lookup;

import io.keyward.events.KeywardEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command-side lookups ({@code kw_principal}, {@code kw_credential}) in step with the events, in the same
 * transaction as the events: a subscribing processor whose errors propagate, so a duplicate username rolls the
 * command back instead of being logged and lost.
 */
@Component
@ProcessingGroup(IdentityLookups.GROUP)
public class IdentityLookups {

    public static final String GROUP = "identity-lookups";

    private final JdbcTemplate jdbc;

    public IdentityLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(KeywardEvent event) {
        LookupTables.LIVE.apply(jdbc, event);
    }
}
