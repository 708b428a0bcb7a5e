package io.keyward.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import io.keyward.service.security.AuthenticationFailure;
import io.keyward.service.security.CredentialIndex;
import io.keyward.service.security.PatAuthenticator;
import io.keyward.service.security.StoredCredential;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private final PatHasher hasher = new PatHasher("0123456789abcdef0123456789abcdef".getBytes(
            StandardCharsets.UTF_8));
    private final CredentialIndex index = mock(CredentialIndex.class);
    private final PatAuthenticator authenticator = new PatAuthenticator(hasher, index,
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final String token = PatFormat.generate(new SecureRandom());

    private StoredCredential credential(Instant expiresAt, Instant revokedAt, Instant revokeAt, String username,
                                        Set<Role> roles) {
        return new StoredCredential(7, 8, "tenant1", NOW.minusSeconds(60), expiresAt, revokedAt,
                revokedAt == null ? null : "deleted", revokeAt, username,
                username == null ? null : UserKind.MACHINE, roles);
    }

    private void stored(StoredCredential credential) {
        when(index.findByHash(hasher.hash(token))).thenReturn(Optional.of(credential));
    }

    private AuthenticationFailure failure(String authorization, String tenant) {
        return authenticator.authenticate(authorization, tenant).failure();
    }

    @Test
    void malformedTokensAndBadChecksumsNeverReachTheStore() {
        assertThat(failure(null, "tenant1")).isEqualTo(AuthenticationFailure.MISSING_TOKEN);
        assertThat(failure(token, "tenant1")).isEqualTo(AuthenticationFailure.NOT_BEARER);
        assertThat(failure("Basic " + token, "tenant1")).isEqualTo(AuthenticationFailure.NOT_BEARER);
        assertThat(failure("Bearer abc", "tenant1")).isEqualTo(AuthenticationFailure.MALFORMED_TOKEN);
        char last = token.charAt(token.length() - 1);
        assertThat(failure("Bearer " + token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a'),
                "tenant1")).isEqualTo(AuthenticationFailure.BAD_CHECKSUM);
        verify(index, never()).findByHash(any());
    }

    @Test
    void classifiesStoredCredentials() {
        when(index.findByHash(any())).thenReturn(Optional.empty());
        assertThat(failure("Bearer " + token, "tenant1")).isEqualTo(AuthenticationFailure.UNKNOWN_TOKEN);

        stored(credential(NOW.plusSeconds(60), NOW.minusSeconds(1), null, "sa", Set.of()));
        assertThat(failure("Bearer " + token, "tenant1")).isEqualTo(AuthenticationFailure.REVOKED_TOKEN);

        stored(credential(NOW.plusSeconds(60), null, NOW, "sa", Set.of()));
        assertThat(failure("Bearer " + token, "tenant1")).as("grace period over")
                .isEqualTo(AuthenticationFailure.REVOKED_TOKEN);

        stored(credential(NOW.plusSeconds(60), null, null, null, null));
        assertThat(failure("Bearer " + token, "tenant1")).as("holder deleted")
                .isEqualTo(AuthenticationFailure.REVOKED_TOKEN);

        stored(credential(NOW, null, null, "sa", Set.of()));
        assertThat(failure("Bearer " + token, "tenant1")).isEqualTo(AuthenticationFailure.EXPIRED_TOKEN);

        stored(new StoredCredential(7, 8, "tenant1", NOW.minusSeconds(60), NOW.minusSeconds(5), NOW, "expired",
                null, "sa", UserKind.MACHINE, Set.of()));
        assertThat(failure("Bearer " + token, "tenant1")).as("revoked because it expired: still 403")
                .isEqualTo(AuthenticationFailure.EXPIRED_TOKEN);
    }

    @Test
    void checksTheTenantHeader() {
        stored(credential(NOW.plusSeconds(60), null, NOW.plusSeconds(30), "sa", Set.of(Role.TENANT_ADMIN)));
        assertThat(failure("bearer " + token, null)).isEqualTo(AuthenticationFailure.MISSING_TENANT);
        assertThat(failure("Bearer " + token, "tenant2")).isEqualTo(AuthenticationFailure.WRONG_TENANT);
        var caller = authenticator.authenticate("Bearer " + token, "tenant1").caller();
        assertThat(caller.userId()).isEqualTo("8");
        assertThat(caller.credentialId()).isEqualTo("7");
        assertThat(caller.tenantId()).isEqualTo("tenant1");

        stored(credential(NOW.plusSeconds(60), null, null, "admin", Set.of(Role.SKYLIGHT_ADMIN)));
        assertThat(authenticator.authenticate("Bearer " + token, "tenant2").caller().tenantId())
                .isEqualTo("tenant2");
        assertThat(failure("Bearer " + token, "bad tenant")).isEqualTo(AuthenticationFailure.WRONG_TENANT);
    }
}
