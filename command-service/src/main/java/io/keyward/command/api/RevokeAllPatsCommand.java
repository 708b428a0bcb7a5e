package io.keyward.command.api;

import io.keyward.events.RevocationReason;
import io.keyward.identity.UserKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke every active PAT of a user. The handler returns the list of credential ids it revoked. */
public record RevokeAllPatsCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        UserKind kind,
        RevocationReason reason,
        String actorId) {
}
