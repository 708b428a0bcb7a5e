package io.keyward.service.security;

import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authenticated caller: who holds the PAT, which credential it is, and the tenant the request acts in (the
 * {@code X-Forwarded-Tenant-Id} header, already checked to be the caller's own, or any for {@code skylight-admin}).
 */
public record Caller(
        String userId,
        String username,
        UserKind kind,
        String homeTenantId,
        Set<Role> roles,
        String credentialId,
        Instant credentialExpiresAt,
        String tenantId) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Whether one of the caller's roles includes {@code required}. */
    public boolean has(Role required) {
        return roles.stream().anyMatch(role -> role.includes(required));
    }

    public Optional<Role> highestRole() {
        return Role.highest(roles);
    }

    /** Fails with 403 unless the caller has {@code required} or a higher role. */
    public void require(Role required) {
        if (!has(required)) {
            throw new KeywardException(ErrorCode.ROLE_REQUIRED,
                    "This operation needs the role " + required.value() + " or a higher one.");
        }
    }

    /** Fails with 403 if any of {@code granted} is above the caller's own highest role. */
    public void requireMayGrant(Collection<Role> granted) {
        Set<Role> tooHigh = granted.stream().filter(role -> !has(role)).collect(Collectors.toSet());
        if (!tooHigh.isEmpty()) {
            throw new KeywardException(ErrorCode.ROLES_EXCEED_CALLER,
                    "Roles granted cannot exceed your own; you may not grant "
                            + tooHigh.stream().map(Role::value).sorted().collect(Collectors.joining(", ")) + ".");
        }
    }
}
