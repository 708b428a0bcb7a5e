package io.keyward.command.api;

import io.keyward.identity.UserKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace an active PAT by a new one in one step: the new PAT is issued, and the old one is revoked at once
 * ({@code revokeOldAt} null) or at {@code revokeOldAt} (a grace period for clients to switch).
 */
public record RotatePatCommand(
        @TargetAggregateIdentifier String userId,
        String tenantId,
        UserKind kind,
        String credentialId,
        NewPat newPat,
        Instant revokeOldAt,
        String actorId) {
}
