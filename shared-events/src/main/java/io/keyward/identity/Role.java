package io.keyward.identity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * Keyward's roles, highest first. A caller may grant only roles at or below its own highest role.
 */
public enum Role {
    SKYLIGHT_ADMIN("skylight-admin", 3),
    TENANT_ADMIN("tenant-admin", 2),
    SERVICE_ACCOUNT_MANAGER("service-account-manager", 1);

    private final String value;
    private final int rank;

    Role(String value, int rank) {
        this.value = value;
        this.rank = rank;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Whether this role includes everything {@code other} may do. */
    public boolean includes(Role other) {
        return rank >= other.rank;
    }

    public static Optional<Role> find(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    @JsonCreator
    public static Role of(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("unknown role: " + value));
    }

    /** The highest of {@code roles}, if any. */
    public static Optional<Role> highest(Collection<Role> roles) {
        return roles.stream().max((a, b) -> Integer.compare(a.rank, b.rank));
    }

    @Override
    public String toString() {
        return value;
    }
}
