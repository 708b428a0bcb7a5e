package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A PAT stopped working, for the given reason. From this event on, it authenticates nowhere.
 *
 * <p>Revision 2 added {@code expirationDate}, the revoked PAT's own expiration: past it, a deny-list entry for this
 * credential can be forgotten. Revision 1 events are upcast with {@code expirationDate} null (unknown: keep the
 * entry).</p>
 */
@Revision("2")
public record PersonalAccessTokenRevokedEvent(
        String eventId,
        String tenantId,
        String userId,
        String credentialId,
        RevocationReason reason,
        String actorId,
        Instant occurredAt,
        Instant expirationDate) implements KeywardEvent {
}
