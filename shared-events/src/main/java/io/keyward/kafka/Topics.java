package io.keyward.kafka;

/**
 * Kafka topics Keyward writes. Both are keyed by the user id (a service account's {@code machineUserId}), so all
 * records about one account land on one partition, in order.
 */
public final class Topics {

    /**
     * One {@link RevocationRecord} per credential that stops working. Retained at least as long as the longest PAT
     * lifetime, so a streamer that restarts rebuilds its deny-list from this topic alone.
     */
    public static final String REVOCATIONS = "keyward.revocations.v1";

    /** Every domain event and every failed authentication or authorization, as an {@link AuditRecord}. */
    public static final String AUDIT = "keyward.audit.v1";

    private Topics() {
    }
}
