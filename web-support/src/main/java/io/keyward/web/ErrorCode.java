package io.keyward.web;

import org.springframework.http.HttpStatus;

/**
 * Every kind of error Keyward answers with, mapped in one place ({@link ProblemDetails}) to an RFC 9457 problem
 * body whose {@code type} is {@code /problems/{code}} and whose {@code code} member is the code below.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Unauthorized"),
    TOKEN_EXPIRED("token-expired", HttpStatus.FORBIDDEN, "Token expired"),
    TENANT_MISMATCH("tenant-mismatch", HttpStatus.FORBIDDEN, "Tenant not allowed"),
    ROLE_REQUIRED("role-required", HttpStatus.FORBIDDEN, "Role required"),
    ROLES_EXCEED_CALLER("roles-exceed-caller", HttpStatus.FORBIDDEN, "Roles exceed your own"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    USERNAME_TAKEN("username-taken", HttpStatus.CONFLICT, "Username already used"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    USERNAME_OF_HUMAN("username-of-human-user", HttpStatus.UNPROCESSABLE_ENTITY, "Username belongs to a human user"),
    VALIDATION_FAILED("validation-failed", HttpStatus.UNPROCESSABLE_ENTITY, "Validation failed"),
    TOO_MANY_FAILED_AUTHENTICATIONS("too-many-failed-authentications", HttpStatus.TOO_MANY_REQUESTS,
            "Too many failed authentications"),
    CONCURRENT_MODIFICATION("concurrent-modification", HttpStatus.CONFLICT, "Concurrent modification"),
    UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final String code;
    private final HttpStatus status;
    private final String title;

    ErrorCode(String code, HttpStatus status, String title) {
        this.code = code;
        this.status = status;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
