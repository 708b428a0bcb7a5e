package io.keyward.kafka;

/** The CloudEvents {@code type} names on the audit topic. Stable: a changed data shape gets a new name. */
public final class AuditTypes {

    public static final String SERVICE_ACCOUNT_CREATED = "io.keyward.serviceaccount.created.v1";
    public static final String SERVICE_ACCOUNT_UPDATED = "io.keyward.serviceaccount.updated.v1";
    public static final String SERVICE_ACCOUNT_DELETED = "io.keyward.serviceaccount.deleted.v1";
    public static final String HUMAN_USER_REGISTERED = "io.keyward.user.registered.v1";
    public static final String HUMAN_USER_DELETED = "io.keyward.user.deleted.v1";
    public static final String PAT_ISSUED = "io.keyward.pat.issued.v1";
    public static final String PAT_REVOKED = "io.keyward.pat.revoked.v1";
    public static final String PAT_REVOCATION_SCHEDULED = "io.keyward.pat.revocation-scheduled.v1";
    public static final String PAT_EXPIRY_WARNING = "io.keyward.pat.expiry-warning.v1";
    /** A request refused with 401: no, a malformed, an unknown or a revoked PAT. */
    public static final String AUTHENTICATION_FAILED = "io.keyward.authentication.failed.v1";
    /** A request refused with 403: expired PAT, missing role, or a tenant the caller may not act in. */
    public static final String AUTHORIZATION_DENIED = "io.keyward.authorization.denied.v1";

    private AuditTypes() {
    }
}
