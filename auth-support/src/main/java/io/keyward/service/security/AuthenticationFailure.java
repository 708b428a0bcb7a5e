package io.keyward.service.security;

import io.keyward.web.ErrorCode;

/** Why a request was not let in: the audit reason, the answer's code and a detail that never echoes the token. */
public enum AuthenticationFailure {
    MISSING_TOKEN(ErrorCode.UNAUTHENTICATED, "The Authorization header is missing; send 'Authorization: Bearer <PAT>'."),
    NOT_BEARER(ErrorCode.UNAUTHENTICATED, "The Authorization header must have the form 'Bearer <PAT>'."),
    MALFORMED_TOKEN(ErrorCode.UNAUTHENTICATED, "The bearer token is not a Keyward PAT."),
    BAD_CHECKSUM(ErrorCode.UNAUTHENTICATED, "The bearer token is not a valid Keyward PAT (checksum mismatch)."),
    UNKNOWN_TOKEN(ErrorCode.UNAUTHENTICATED, "The PAT is not valid: unknown, deleted or revoked."),
    REVOKED_TOKEN(ErrorCode.UNAUTHENTICATED, "The PAT is not valid: unknown, deleted or revoked."),
    EXPIRED_TOKEN(ErrorCode.TOKEN_EXPIRED, "The PAT has expired; create a new one."),
    MISSING_TENANT(ErrorCode.TENANT_MISMATCH, "The X-Forwarded-Tenant-Id header is missing."),
    WRONG_TENANT(ErrorCode.TENANT_MISMATCH, "The X-Forwarded-Tenant-Id header does not name your tenant.");

    private final ErrorCode code;
    private final String detail;

    AuthenticationFailure(ErrorCode code, String detail) {
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** The reason as written to logs and the audit trail. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
