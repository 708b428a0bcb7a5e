package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A service account's name or description changed; carries both values as they are now. */
@Revision("1")
public record ServiceAccountUpdatedEvent(
        String eventId,
        String tenantId,
        String userId,
        String name,
        String description,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
