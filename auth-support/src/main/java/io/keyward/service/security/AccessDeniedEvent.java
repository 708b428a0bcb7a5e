package io.keyward.service.security;

import java.time.Instant;

/**
 * Published (as a Spring application event) whenever a request is refused with 401 or 403, so that it can be
 * logged and audited. Never carries the token.
 *
 * @param reason       machine-readable reason ({@link AuthenticationFailure#reason()} or an authorization code)
 * @param status       401 or 403
 * @param credentialId the credential presented, when it was recognised
 * @param userId       the caller, when authenticated
 * @param tenant       the tenant header as sent (may be null)
 * @param address      the client address
 * @param method       HTTP method
 * @param path         request path
 * @param time         when it happened
 */
public record AccessDeniedEvent(
        String reason,
        int status,
        String credentialId,
        String userId,
        String tenant,
        String address,
        String method,
        String path,
        Instant time) {
}
