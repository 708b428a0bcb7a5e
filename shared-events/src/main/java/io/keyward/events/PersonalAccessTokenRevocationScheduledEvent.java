package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A PAT will stop working at {@code revokeAt} (a rotation's grace period). From that instant it is rejected
 * everywhere; shortly after, a {@link PersonalAccessTokenRevokedEvent} with the same reason records the revocation.
 */
@Revision("1")
public record PersonalAccessTokenRevocationScheduledEvent(
        String eventId,
        String tenantId,
        String userId,
        String credentialId,
        Instant revokeAt,
        RevocationReason reason,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
