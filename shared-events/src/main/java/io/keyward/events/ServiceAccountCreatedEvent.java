package io.keyward.events;

import io.keyward.identity.Role;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A service account (machine user) was created. {@code userId} is its {@code machineUserId}. */
@Revision("1")
public record ServiceAccountCreatedEvent(
        String eventId,
        String tenantId,
        String userId,
        String username,
        String name,
        String description,
        String accessTokenType,
        List<Role> roles,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
