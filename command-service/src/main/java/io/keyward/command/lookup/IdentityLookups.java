package io.keyward.command.lookup;

import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.KeywardEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.service.security.RevocationFence;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command-side lookups ({@code kw_principal}, {@code kw_credential}) in step with the events, in the same
 * transaction as the events: a subscribing processor whose errors propagate, so a duplicate username rolls the
 * command back instead of being logged and lost.
 *
 * <p>A command that takes a credential away (revocation, scheduled revocation, deletion of the holder) returns only
 * after its commit has reached every instance's credential cache: the {@link RevocationFence} runs once per command,
 * after the commit (ADR 6).</p>
 */
@Component
@ProcessingGroup(IdentityLookups.GROUP)
public class IdentityLookups {

    public static final String GROUP = "identity-lookups";
    private static final String FENCE_REGISTERED = IdentityLookups.class.getName() + ".fence";

    private final JdbcTemplate jdbc;
    private final RevocationFence fence;

    public IdentityLookups(JdbcTemplate jdbc, RevocationFence fence) {
        this.jdbc = jdbc;
        this.fence = fence;
    }

    @EventHandler
    void on(KeywardEvent event) {
        LookupTables.LIVE.apply(jdbc, event);
        if (takesACredentialAway(event)) {
            CurrentUnitOfWork.ifStarted(unitOfWork -> fenceAfterCommit(unitOfWork.root()));
        }
    }

    private void fenceAfterCommit(UnitOfWork<?> root) {
        if (root.resources().putIfAbsent(FENCE_REGISTERED, Boolean.TRUE) == null) {
            root.afterCommit(committed -> fence.await());
        }
    }

    static boolean takesACredentialAway(KeywardEvent event) {
        return event instanceof PersonalAccessTokenRevokedEvent
                || event instanceof PersonalAccessTokenRevocationScheduledEvent
                || event instanceof ServiceAccountDeletedEvent
                || event instanceof HumanUserDeletedEvent;
    }
}
