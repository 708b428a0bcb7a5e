package io.keyward.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.keyward.command.api.AccountState;
import io.keyward.command.api.CreateServiceAccountCommand;
import io.keyward.command.api.DeleteUserCommand;
import io.keyward.command.api.IssuePatCommand;
import io.keyward.command.api.NewPat;
import io.keyward.command.api.RegisterHumanUserCommand;
import io.keyward.command.api.RevokeAllPatsCommand;
import io.keyward.command.api.RevokePatCommand;
import io.keyward.command.api.RotatePatCommand;
import io.keyward.command.api.UpdateServiceAccountCommand;
import io.keyward.command.api.WarnPatExpiryCommand;
import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
import io.keyward.events.PersonalAccessTokenExpiryWarnedEvent;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.UserKind;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user of a tenant, machine (service account) or human, with the PATs it holds. Invariants: objects of another
 * tenant, or of the other kind, are "not found"; only active PATs can be revoked; a deleted user is gone.
 *
 * <p>Its fields are its snapshot (Jackson, field by field): an account whose PATs come and go would otherwise be
 * replayed from its first event on every command.</p>
 */
@Aggregate(snapshotTriggerDefinition = "userAccountSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class UserAccount {

    @AggregateIdentifier
    private String userId;
    private String tenantId;
    private UserKind kind;
    private String username;
    private String name;
    private String description;
    /** Active PATs: credential id to expiration. */
    private final Map<String, Instant> activePats = new LinkedHashMap<>();
    /** Expiry warnings given, as "credentialId/daysLeft". */
    private final Set<String> expiryWarnings = new HashSet<>();

    protected UserAccount() {
        // for Axon
    }

    @CommandHandler
    public UserAccount(CreateServiceAccountCommand command, Clock clock) {
        Instant now = clock.instant();
        apply(new ServiceAccountCreatedEvent(newEventId(), command.tenantId(), command.userId(), command.username(),
                command.name(), command.description(), command.accessTokenType(), List.copyOf(command.roles()),
                command.actorId(), now));
        issue(command.tenantId(), command.userId(), command.pat(), command.actorId(), now);
    }

    @CommandHandler
    public UserAccount(RegisterHumanUserCommand command, Clock clock) {
        Instant now = clock.instant();
        apply(new HumanUserRegisteredEvent(newEventId(), command.tenantId(), command.userId(), command.username(),
                command.name(), command.email(), List.copyOf(command.roles()), command.actorId(), now));
        issue(command.tenantId(), command.userId(), command.pat(), command.actorId(), now);
    }

    @CommandHandler
    public AccountState handle(UpdateServiceAccountCommand command, Clock clock) {
        requireVisible(command.tenantId(), UserKind.MACHINE);
        String newName = command.name() == null ? name : command.name();
        String newDescription = command.description() == null ? description : command.description();
        if (!Objects.equals(newName, name) || !Objects.equals(newDescription, description)) {
            apply(new ServiceAccountUpdatedEvent(newEventId(), tenantId, userId, newName, newDescription,
                    command.actorId(), clock.instant()));
        }
        return new AccountState(userId, username, newName, newDescription);
    }

    @CommandHandler
    public void handle(IssuePatCommand command, Clock clock) {
        requireVisible(command.tenantId(), command.kind());
        issue(tenantId, userId, command.pat(), command.actorId(), clock.instant());
    }

    @CommandHandler
    public void handle(RevokePatCommand command, Clock clock) {
        requireVisible(command.tenantId(), command.kind());
        requireActive(command.credentialId());
        apply(new PersonalAccessTokenRevokedEvent(newEventId(), tenantId, userId, command.credentialId(),
                command.reason(), command.actorId(), clock.instant(), activePats.get(command.credentialId())));
    }

    @CommandHandler
    public List<String> handle(RevokeAllPatsCommand command, Clock clock) {
        requireVisible(command.tenantId(), command.kind());
        Instant now = clock.instant();
        List<String> revoked = List.copyOf(activePats.keySet());
        for (String credentialId : revoked) {
            apply(new PersonalAccessTokenRevokedEvent(newEventId(), tenantId, userId, credentialId, command.reason(),
                    command.actorId(), now, activePats.get(credentialId)));
        }
        return revoked;
    }

    @CommandHandler
    public void handle(RotatePatCommand command, Clock clock) {
        requireVisible(command.tenantId(), command.kind());
        requireActive(command.credentialId());
        Instant now = clock.instant();
        NewPat pat = command.newPat();
        apply(new PersonalAccessTokenIssuedEvent(newEventId(), tenantId, userId, pat.credentialId(), pat.tokenHash(),
                pat.name(), pat.expirationDate(), command.credentialId(), command.actorId(), now));
        if (command.revokeOldAt() == null || !command.revokeOldAt().isAfter(now)) {
            apply(new PersonalAccessTokenRevokedEvent(newEventId(), tenantId, userId, command.credentialId(),
                    RevocationReason.ROTATED, command.actorId(), now, activePats.get(command.credentialId())));
        } else {
            apply(new PersonalAccessTokenRevocationScheduledEvent(newEventId(), tenantId, userId,
                    command.credentialId(), command.revokeOldAt(), RevocationReason.ROTATED, command.actorId(), now));
        }
    }

    @CommandHandler
    public void handle(DeleteUserCommand command, Clock clock) {
        requireVisible(command.tenantId(), command.kind());
        Instant now = clock.instant();
        for (String credentialId : List.copyOf(activePats.keySet())) {
            apply(new PersonalAccessTokenRevokedEvent(newEventId(), tenantId, userId, credentialId,
                    RevocationReason.ACCOUNT_DELETED, command.actorId(), now, activePats.get(credentialId)));
        }
        if (kind == UserKind.MACHINE) {
            apply(new ServiceAccountDeletedEvent(newEventId(), tenantId, userId, username, command.actorId(), now));
        } else {
            apply(new HumanUserDeletedEvent(newEventId(), tenantId, userId, username, command.actorId(), now));
        }
    }

    /**
     * Takes tenant and user explicitly: in a creating constructor, Axon applies events to this instance only after
     * the constructor returns, so the fields are not set yet.
     */
    private static void issue(String tenantId, String userId, NewPat pat, String actorId, Instant now) {
        if (pat == null) {
            return;
        }
        apply(new PersonalAccessTokenIssuedEvent(newEventId(), tenantId, userId, pat.credentialId(), pat.tokenHash(),
                pat.name(), pat.expirationDate(), null, actorId, now));
    }

    @CommandHandler
    public void handle(WarnPatExpiryCommand command, Clock clock) {
        requireVisible(command.tenantId(), null);
        Instant expiration = activePats.get(command.credentialId());
        if (expiration == null || !expiryWarnings.add(command.credentialId() + "/" + command.daysLeft())) {
            return; // revoked meanwhile, or already warned: nothing to say
        }
        apply(new PersonalAccessTokenExpiryWarnedEvent(newEventId(), tenantId, userId, command.credentialId(),
                expiration, command.daysLeft(), command.actorId(), clock.instant()));
    }

    private void requireActive(String credentialId) {
        if (!activePats.containsKey(credentialId)) {
            throw KeywardException.notFound("PAT " + credentialId + " not found.");
        }
    }

    private void requireVisible(String requestedTenant, UserKind expectedKind) {
        if (!tenantId.equals(requestedTenant) || (expectedKind != null && kind != expectedKind)) {
            throw new KeywardException(ErrorCode.NOT_FOUND, describe(expectedKind) + " " + userId + " not found.");
        }
    }

    private static String describe(UserKind kind) {
        return kind == UserKind.HUMAN ? "User" : "Service account";
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        userId = event.userId();
        tenantId = event.tenantId();
        kind = UserKind.MACHINE;
        username = event.username();
        name = event.name();
        description = event.description();
    }

    @EventSourcingHandler
    void on(HumanUserRegisteredEvent event) {
        userId = event.userId();
        tenantId = event.tenantId();
        kind = UserKind.HUMAN;
        username = event.username();
        name = event.name();
    }

    @EventSourcingHandler
    void on(ServiceAccountUpdatedEvent event) {
        name = event.name();
        description = event.description();
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenIssuedEvent event) {
        activePats.put(event.credentialId(), event.expirationDate());
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenExpiryWarnedEvent event) {
        expiryWarnings.add(event.credentialId() + "/" + event.daysLeft());
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenRevokedEvent event) {
        activePats.remove(event.credentialId());
    }

    @EventSourcingHandler
    void on(ServiceAccountDeletedEvent event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(HumanUserDeletedEvent event) {
        markDeleted();
    }
}
