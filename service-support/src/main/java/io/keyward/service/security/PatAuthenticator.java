package io.keyward.service.security;

import io.keyward.identity.Role;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a request's {@code Authorization} and {@code X-Forwarded-Tenant-Id} headers make an allowed
 * {@link Caller}. Malformed tokens and bad checksums are rejected in memory, before any store is asked.
 */
public class PatAuthenticator {

    /** Tenant ids: letters, digits, '.', '_' and '-', at most 64 characters. */
    public static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String BEARER = "Bearer ";

    private final PatHasher hasher;
    private final CredentialIndex credentials;
    private final Clock clock;

    public PatAuthenticator(PatHasher hasher, CredentialIndex credentials, Clock clock) {
        this.hasher = hasher;
        this.credentials = credentials;
        this.clock = clock;
    }

    public Result authenticate(String authorization, String tenantHeader) {
        if (authorization == null || authorization.isBlank()) {
            return Result.rejected(AuthenticationFailure.MISSING_TOKEN, null);
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Result.rejected(AuthenticationFailure.NOT_BEARER, null);
        }
        String token = authorization.substring(BEARER.length()).strip();
        switch (PatFormat.inspect(token)) {
            case MALFORMED -> {
                return Result.rejected(AuthenticationFailure.MALFORMED_TOKEN, null);
            }
            case BAD_CHECKSUM -> {
                return Result.rejected(AuthenticationFailure.BAD_CHECKSUM, null);
            }
            case WELL_FORMED -> {
                // go on
            }
        }
        Optional<StoredCredential> found = credentials.findByHash(hasher.hash(token));
        if (found.isEmpty()) {
            return Result.rejected(AuthenticationFailure.UNKNOWN_TOKEN, null);
        }
        StoredCredential credential = found.get();
        String credentialId = Long.toString(credential.credentialId());
        if (credential.revokedAt() != null || !credential.holderExists()) {
            return Result.rejected(AuthenticationFailure.REVOKED_TOKEN, credentialId);
        }
        if (!credential.expiresAt().isAfter(clock.instant())) {
            return Result.rejected(AuthenticationFailure.EXPIRED_TOKEN, credentialId);
        }
        if (tenantHeader == null || tenantHeader.isBlank()) {
            return Result.rejected(AuthenticationFailure.MISSING_TENANT, credentialId);
        }
        boolean admin = credential.roles().contains(Role.SKYLIGHT_ADMIN);
        boolean ownTenant = tenantHeader.equals(credential.tenantId());
        if (!ownTenant && !(admin && TENANT_ID.matcher(tenantHeader).matches())) {
            return Result.rejected(AuthenticationFailure.WRONG_TENANT, credentialId);
        }
        return Result.authenticated(new Caller(Long.toString(credential.userId()), credential.username(),
                credential.kind(), credential.tenantId(), credential.roles(), credentialId, credential.expiresAt(),
                tenantHeader));
    }

    /** Either a caller or the reason it was refused (with the credential id when the token was recognised). */
    public record Result(Caller caller, AuthenticationFailure failure, String credentialId) {

        static Result authenticated(Caller caller) {
            return new Result(caller, null, caller.credentialId());
        }

        static Result rejected(AuthenticationFailure failure, String credentialId) {
            return new Result(null, failure, credentialId);
        }

        public boolean isAuthenticated() {
            return caller != null;
        }
    }
}
