package io.keyward.service.security;

import io.keyward.identity.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OAuth 2.0 token introspection (RFC 7662) of a PAT: whether it is active and whose it is, with the credential id as
 * {@code jti} to watch for on the revocation topic. An inactive token, or a token of another tenant (unless the
 * caller is skylight-admin), answers only {@code {"active": false}}: the answer never tells a caller whether a token
 * of another tenant exists. Answered by the gateway from its credential cache, and by the query-service when it is
 * called directly; both build the answer here.
 */
public final class Introspection {

    /** The answer to a token that is not active, or not the caller's to see. */
    public static final Map<String, Object> INACTIVE = Map.of("active", false);

    private final PatAuthenticator authenticator;

    public Introspection(PatAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The answer to {@code caller}'s introspection of {@code token}, in the order RFC 7662 lists its members. */
    public Map<String, Object> introspect(Caller caller, String token) {
        PatAuthenticator.Verification verification = authenticator.verify(token.strip());
        StoredCredential credential = verification.credential();
        boolean visible = credential != null
                && (credential.tenantId().equals(caller.tenantId()) || caller.has(Role.SKYLIGHT_ADMIN));
        if (verification.failure() != null || !visible) {
            return INACTIVE;
        }
        List<String> roles = credential.roles().stream().map(Role::value).sorted().toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("active", true);
        answer.put("sub", Long.toString(credential.userId()));
        answer.put("username", credential.username());
        answer.put("user_type", credential.kind().value());
        answer.put("tenant", credential.tenantId());
        answer.put("roles", roles);
        answer.put("scope", String.join(" ", roles));
        answer.put("token_type", "Bearer");
        answer.put("iat", credential.issuedAt().getEpochSecond());
        answer.put("exp", credential.expiresAt().getEpochSecond());
        answer.put("jti", Long.toString(credential.credentialId()));
        return answer;
    }
}
