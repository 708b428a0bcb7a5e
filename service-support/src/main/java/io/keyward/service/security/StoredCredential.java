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
        Instant expiresAt,
        Instant revokedAt,
        String username,
        UserKind kind,
        Set<Role> roles) {

    public boolean holderExists() {
        return username != null;
    }
}
