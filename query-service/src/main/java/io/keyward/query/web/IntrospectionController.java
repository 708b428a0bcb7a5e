package io.keyward.query.web;

import io.keyward.identity.Role;
import io.keyward.service.security.Caller;
import io.keyward.service.security.PatAuthenticator;
import io.keyward.service.security.StoredCredential;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 token introspection (RFC 7662) for PATs: a protected resource (a streamer, an API) posts
 * {@code token=<PAT>} with its own PAT as bearer, and learns whether the token is active and whose it is, with the
 * credential id as {@code jti} to watch for on the revocation topic. An inactive token, or a token of another tenant
 * (unless the caller is skylight-admin), answers only {@code {"active": false}}.
 */
@RestController
class IntrospectionController {

    private final PatAuthenticator authenticator;

    IntrospectionController(PatAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @PostMapping(path = "/api/v2/auth/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> introspect(Caller caller, @RequestParam("token") String token) {
        PatAuthenticator.Verification verification = authenticator.verify(token.strip());
        StoredCredential credential = verification.credential();
        boolean visible = credential != null
                && (credential.tenantId().equals(caller.tenantId()) || caller.has(Role.SKYLIGHT_ADMIN));
        Map<String, Object> answer = new LinkedHashMap<>();
        if (verification.failure() != null || !visible) {
            answer.put("active", false);
        } else {
            answer.put("active", true);
            answer.put("sub", Long.toString(credential.userId()));
            answer.put("username", credential.username());
            answer.put("user_type", credential.kind().value());
            answer.put("tenant", credential.tenantId());
            answer.put("roles", credential.roles().stream().map(Role::value).sorted().toList());
            answer.put("scope", String.join(" ", credential.roles().stream().map(Role::value).sorted().toList()));
            answer.put("token_type", "Bearer");
            answer.put("iat", credential.issuedAt().getEpochSecond());
            answer.put("exp", credential.expiresAt().getEpochSecond());
            answer.put("jti", Long.toString(credential.credentialId()));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }
}
