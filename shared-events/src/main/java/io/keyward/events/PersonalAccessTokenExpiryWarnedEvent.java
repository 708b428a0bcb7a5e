package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A PAT will expire in {@code daysLeft} days (30, then 7): the guide's "calendar reminder", sent by Keyward itself
 * on the audit topic so that owners can rotate in time. Only for PATs whose lifetime was longer than the warning.
 */
@Revision("1")
public record PersonalAccessTokenExpiryWarnedEvent(
        String eventId,
        String tenantId,
        String userId,
        String credentialId,
        Instant expirationDate,
        int daysLeft,
        String actorId,
        Instant occurredAt) implements KeywardEvent {
}
