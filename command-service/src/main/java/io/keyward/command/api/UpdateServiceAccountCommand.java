package io.keyward.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a service account's name and/or description; a null field is left as it is. */
public record UpdateServiceAccountCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        String name,
        String description,
        String actorId) {
}
