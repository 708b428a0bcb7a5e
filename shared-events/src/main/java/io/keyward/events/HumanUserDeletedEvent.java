package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A human user was deleted; its PATs were revoked just before. */
@Revision("1")
public record HumanUserDeletedEvent(
        String eventId,
        String tenantId,
        String userId,
        String username,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
