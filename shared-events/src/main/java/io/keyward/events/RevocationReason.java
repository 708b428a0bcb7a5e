package io.keyward.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a credential stopped working. */
public enum RevocationReason {
    /** Its PAT was deleted. */
    DELETED("deleted"),
    /** Its account was deleted. */
    ACCOUNT_DELETED("account_deleted"),
    /** It was replaced by a rotation. */
    ROTATED("rotated"),
    /** It passed its expiration date. */
    EXPIRED("expired");

    private final String value;

    RevocationReason(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static RevocationReason of(String value) {
        for (RevocationReason reason : values()) {
            if (reason.value.equals(value)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown revocation reason: " + value);
    }
}
