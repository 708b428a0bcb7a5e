package io.keyward.service.security;

import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import java.time.Instant;
import java.util.Set;

/**
 * A credential index row joined with its holder, as authentication needs it. {@code username}, {@code kind} and
 * {@code roles} are null when the holder no longer exists.
 */
public record StoredCredential(
        long credentialId,
        long userId,
        String tenantId,
        Instant issuedAt,
        Instant expiresAt,
        Instant revokedAt,
        String revocationReason,
        Instant revokeAt,
        String username,
        UserKind kind,
        Set<Role> roles) {

    public boolean holderExists() {
        return username != null;
    }

    /**
     * Revoked (other than for expiry), or scheduled for revocation (a rotation's grace period) at or before
     * {@code now}. A PAT revoked because it expired stays "expired" (403), as it was before the revocation.
     */
    public boolean isRevokedAt(Instant now) {
        return (revokedAt != null && !"expired".equals(revocationReason))
                || (revokeAt != null && !revokeAt.isAfter(now));
    }
}
