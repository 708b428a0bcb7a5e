package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A service account was deleted. Its PATs were revoked just before, each by a {@link PersonalAccessTokenRevokedEvent}
 * with reason {@link RevocationReason#ACCOUNT_DELETED}; its username is free again.
 */
@Revision("1")
public record ServiceAccountDeletedEvent(
        String eventId,
        String tenantId,
        String userId,
        String username,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
