package io.keyward.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A PAT was issued to a user. Carries the token's keyed hash (HMAC-SHA256 with the installation's pepper, base64url)
 * so the credential index can be rebuilt by replay; never the token. The hash is never published: see
 * {@link io.keyward.kafka.AuditRecord}. {@code rotatedFrom} names the credential this one replaces, when it was issued by
 * a rotation.
 */
@Revision("1")
public record PersonalAccessTokenIssuedEvent(
        String eventId,
        String tenantId,
        String userId,
        String credentialId,
        String tokenHash,
        String name,
        Instant expirationDate,
        String rotatedFrom,
        String actorId,
        Instant occurredAt) implements KeywardEvent {

    @Override
    public String toString() {
        // Keep the hash out of any log line that prints an event.
        return "PersonalAccessTokenIssuedEvent[eventId=" + eventId + ", tenantId=" + tenantId + ", userId=" + userId
                + ", credentialId=" + credentialId + ", name=" + name + ", expirationDate=" + expirationDate
                + ", rotatedFrom=" + rotatedFrom + ", actorId=" + actorId + ", occurredAt=" + occurredAt + "]";
    }
}
