package io.keyward.command.api;

import io.keyward.identity.UserKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue a PAT to a user of the expected {@code kind}. */
public record IssuePatCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        UserKind kind,
        NewPat pat,
        String actorId) {
}
