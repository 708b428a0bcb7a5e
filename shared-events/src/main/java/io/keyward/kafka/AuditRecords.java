package io.keyward.kafka;

import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
import io.keyward.events.KeywardEvent;
import io.keyward.events.PersonalAccessTokenExpiryWarnedEvent;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps domain events to the records Keyward publishes. Each field published is named here, one by one: a new event
 * field is not published until someone decides it may be (token hashes never are).
 */
public final class AuditRecords {

    private AuditRecords() {
    }

    public static AuditRecord of(KeywardEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        String type;
        if (event instanceof ServiceAccountCreatedEvent e) {
            type = AuditTypes.SERVICE_ACCOUNT_CREATED;
            data.put("machineUserId", e.userId());
            data.put("username", e.username());
            data.put("name", e.name());
            data.put("description", e.description());
            data.put("accessTokenType", e.accessTokenType());
            data.put("roles", roleNames(e.roles()));
        } else if (event instanceof ServiceAccountUpdatedEvent e) {
            type = AuditTypes.SERVICE_ACCOUNT_UPDATED;
            data.put("machineUserId", e.userId());
            data.put("name", e.name());
            data.put("description", e.description());
        } else if (event instanceof ServiceAccountDeletedEvent e) {
            type = AuditTypes.SERVICE_ACCOUNT_DELETED;
            data.put("machineUserId", e.userId());
            data.put("username", e.username());
        } else if (event instanceof HumanUserRegisteredEvent e) {
            type = AuditTypes.HUMAN_USER_REGISTERED;
            data.put("userId", e.userId());
            data.put("username", e.username());
            data.put("name", e.name());
            data.put("email", e.email());
            data.put("roles", roleNames(e.roles()));
        } else if (event instanceof HumanUserDeletedEvent e) {
            type = AuditTypes.HUMAN_USER_DELETED;
            data.put("userId", e.userId());
            data.put("username", e.username());
        } else if (event instanceof PersonalAccessTokenIssuedEvent e) {
            type = AuditTypes.PAT_ISSUED;
            data.put("credentialId", e.credentialId());
            data.put("userId", e.userId());
            data.put("name", e.name());
            data.put("expirationDate", e.expirationDate().toString());
            data.put("rotatedFrom", e.rotatedFrom());
        } else if (event instanceof PersonalAccessTokenRevocationScheduledEvent e) {
            type = AuditTypes.PAT_REVOCATION_SCHEDULED;
            data.put("credentialId", e.credentialId());
            data.put("userId", e.userId());
            data.put("revokeAt", e.revokeAt().toString());
            data.put("reason", e.reason().value());
        } else if (event instanceof PersonalAccessTokenExpiryWarnedEvent e) {
            type = AuditTypes.PAT_EXPIRY_WARNING;
            data.put("credentialId", e.credentialId());
            data.put("userId", e.userId());
            data.put("expirationDate", e.expirationDate().toString());
            data.put("daysLeft", e.daysLeft());
        } else if (event instanceof PersonalAccessTokenRevokedEvent e) {
            type = AuditTypes.PAT_REVOKED;
            data.put("credentialId", e.credentialId());
            data.put("userId", e.userId());
            data.put("reason", e.reason().value());
            data.put("expirationDate", e.expirationDate() == null ? null : e.expirationDate().toString());
        } else {
            throw new IllegalArgumentException("no audit mapping for " + event.getClass().getName());
        }
        data.values().removeIf(java.util.Objects::isNull);
        return new AuditRecord(AuditRecord.SPEC_VERSION, event.eventId(), AuditRecord.sourceOf(event.tenantId()), type,
                event.userId(), event.occurredAt().toString(), AuditRecord.CONTENT_TYPE, event.tenantId(),
                event.actorId(), data);
    }

    /**
     * The audit record of a refused request (401 or 403). {@code id} is chosen by the refusing service and stays the
     * same if the record is published again. Fields the refusing service does not know are null and left out.
     *
     * @param tenant the tenant header as sent, only if it is a well-formed tenant id
     */
    public static AuditRecord accessDenied(String id, int status, String reason, String service, String tenant,
                                           String credentialId, String userId, String address, String method,
                                           String path, java.time.Instant time) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", status);
        data.put("reason", reason);
        data.put("service", service);
        data.put("credentialId", credentialId);
        data.put("userId", userId);
        data.put("address", address);
        data.put("method", method);
        data.put("path", path);
        data.values().removeIf(java.util.Objects::isNull);
        return new AuditRecord(AuditRecord.SPEC_VERSION, id,
                tenant == null ? "/keyward" : AuditRecord.sourceOf(tenant),
                status == 401 || status == 429 ? AuditTypes.AUTHENTICATION_FAILED : AuditTypes.AUTHORIZATION_DENIED,
                credentialId, time.toString(), AuditRecord.CONTENT_TYPE, tenant,
                userId == null ? "anonymous" : userId, data);
    }

    /** The revocation record for an event that stops a credential, if it is one. */
    public static Optional<RevocationRecord> revocationOf(KeywardEvent event) {
        if (event instanceof PersonalAccessTokenRevokedEvent e) {
            return Optional.of(new RevocationRecord(e.eventId(), e.credentialId(), e.userId(), e.tenantId(),
                    e.reason().value(), e.occurredAt().toString(),
                    e.expirationDate() == null ? null : e.expirationDate().toString()));
        }
        return Optional.empty();
    }

    private static List<String> roleNames(List<Role> roles) {
        return roles.stream().map(Role::value).toList();
    }
}
