package io.keyward.events;

import io.keyward.identity.Role;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A human user (a platform person, such as a tenant admin) was registered. */
@Revision("1")
public record HumanUserRegisteredEvent(
        String eventId,
        String tenantId,
        String userId,
        String username,
        String name,
        String email,
        List<Role> roles,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
