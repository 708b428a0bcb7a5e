package io.keyward.identity;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who holds an identity: a service account (machine user) or a person. */
public enum UserKind {
    MACHINE("machine"),
    HUMAN("human");

    private final String value;

    UserKind(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    public static UserKind of(String value) {
        for (UserKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown user kind: " + value);
    }
}
