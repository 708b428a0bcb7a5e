package io.keyward.command.api;

import io.keyward.events.RevocationReason;
import io.keyward.identity.UserKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke one active PAT of a user of the expected {@code kind}. */
public record RevokePatCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        UserKind kind,
        String credentialId,
        RevocationReason reason,
        String actorId) {
}
