package io.keyward.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Warn that an active PAT expires in {@code daysLeft} days; a warning already given is not given again. */
public record WarnPatExpiryCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        String credentialId,
        int daysLeft,
        String actorId) {
}
