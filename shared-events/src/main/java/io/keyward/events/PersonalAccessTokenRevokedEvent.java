package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A PAT stopped working, for the given reason. From this event on, it authenticates nowhere. */
@Revision("1")
public record PersonalAccessTokenRevokedEvent(
        String eventId,
        String tenantId,
        String userId,
        String credentialId,
        RevocationReason reason,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
