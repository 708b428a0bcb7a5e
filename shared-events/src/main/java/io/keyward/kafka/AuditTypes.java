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

    private AuditTypes() {
    }
}
