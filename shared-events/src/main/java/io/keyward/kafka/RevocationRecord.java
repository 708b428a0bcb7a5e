package io.keyward.kafka;

/**
 * A revocation topic record: one credential stopped working. Never carries a token or a hash; downstream systems
 * identify tokens by {@code credentialId}, which introspection returns as {@code jti}.
 *
 * @param eventId       the id of the domain event behind it (dedupe key)
 * @param credentialId  the credential that stopped working
 * @param machineUserId the user that held it (for a human user's PAT, that user's id)
 * @param tenant        the tenant id
 * @param reason        {@code deleted}, {@code account_deleted}, {@code rotated} or {@code expired}
 * @param time          RFC 3339 time from which the credential is rejected
 * @param expiresAt     RFC 3339 expiration of the credential: a deny-list may forget it after this time; null when
 *                      unknown (credentials revoked before Keyward recorded it), then keep it
 */
public record RevocationRecord(
        String eventId,
        String credentialId,
        String machineUserId,
        String tenant,
        String reason,
        String time,
        String expiresAt) {
}
