package io.keyward.command.api;

import io.keyward.identity.UserKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete a service account or a human user ({@code kind} says which is expected); revokes all its PATs. */
public record DeleteUserCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        UserKind kind,
        String actorId) {
}
