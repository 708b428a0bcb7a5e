package io.keyward.service.security;

import io.keyward.identity.Role;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import java.time.Clock;
import java.time.Instant;
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
    private final CredentialLookup credentials;
    private final Clock clock;

    public PatAuthenticator(PatHasher hasher, CredentialLookup credentials, Clock clock) {
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
        Verification verification = verify(authorization.substring(BEARER.length()).strip());
        if (verification.failure() != null) {
            return Result.rejected(verification.failure(), verification.credentialId());
        }
        StoredCredential credential = verification.credential();
        String credentialId = verification.credentialId();
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

    /**
     * Whether {@code token} is a live PAT: well-formed with a valid checksum (checked in memory, before any
     * lookup), known, not revoked, its holder not deleted, and not expired.
     */
    public Verification verify(String token) {
        switch (PatFormat.inspect(token)) {
            case MALFORMED -> {
                return new Verification(null, AuthenticationFailure.MALFORMED_TOKEN);
            }
            case BAD_CHECKSUM -> {
                return new Verification(null, AuthenticationFailure.BAD_CHECKSUM);
            }
            case WELL_FORMED -> {
                // go on
            }
        }
        Optional<StoredCredential> found = credentials.findByHash(hasher.hash(token));
        if (found.isEmpty()) {
            return new Verification(null, AuthenticationFailure.UNKNOWN_TOKEN);
        }
        StoredCredential credential = found.get();
        Instant now = clock.instant();
        if (credential.isRevokedAt(now) || !credential.holderExists()) {
            return new Verification(credential, AuthenticationFailure.REVOKED_TOKEN);
        }
        if (!credential.expiresAt().isAfter(now)) {
            return new Verification(credential, AuthenticationFailure.EXPIRED_TOKEN);
        }
        return new Verification(credential, null);
    }

    /** A verified credential, or why it is not valid (with the credential when it was found). */
    public record Verification(StoredCredential credential, AuthenticationFailure failure) {

        public String credentialId() {
            return credential == null ? null : Long.toString(credential.credentialId());
        }
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
