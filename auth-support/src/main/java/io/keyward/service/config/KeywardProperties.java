package io.keyward.service.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keyward's own settings, shared by both services and the gateway ({@code keyward.*}; environment variables such as
 * {@code KEYWARD_PAT_PEPPER} bind by Spring's relaxed rules).
 *
 * @param pat       PAT hashing and lifetime
 * @param tenants   per-tenant overrides, by tenant id
 * @param authCache the in-memory cache of verified credentials (ADR 6)
 */
@ConfigurationProperties("keyward")
public record KeywardProperties(@DefaultValue Pat pat, Map<String, Tenant> tenants, @DefaultValue AuthCache authCache) {

    public KeywardProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * @param pepper      the HMAC key under which PAT hashes are stored: at least 32 bytes, the same on every instance,
     *                    kept secret, and never changed (changing it invalidates every PAT)
     * @param maxLifetime the longest lifetime a PAT may have in this installation
     */
    public record Pat(String pepper, @DefaultValue("365d") Duration maxLifetime) {
    }

    /**
     * @param enabled    whether verified credentials are kept in memory (revocations still take effect before the
     *                   revoking request is answered)
     * @param maxEntries at most this many credentials per instance
     * @param maxAge     a cached credential is read from the database again after this long
     * @param lease      how long an instance may answer from its cache without renewing its lease; also the longest
     *                   a revocation waits for an instance that has gone silent
     */
    public record AuthCache(@DefaultValue("true") boolean enabled, @DefaultValue("100000") int maxEntries,
                            @DefaultValue("5m") Duration maxAge, @DefaultValue("3s") Duration lease) {
    }

    /** @param maxPatLifetime narrows {@link Pat#maxLifetime} for this tenant (never widens it) */
    public record Tenant(Duration maxPatLifetime) {
    }

    /** The longest PAT lifetime allowed in {@code tenantId}. */
    public Duration maxPatLifetime(String tenantId) {
        Tenant tenant = tenants.get(tenantId);
        if (tenant == null || tenant.maxPatLifetime() == null) {
            return pat.maxLifetime();
        }
        return tenant.maxPatLifetime().compareTo(pat.maxLifetime()) < 0 ? tenant.maxPatLifetime() : pat.maxLifetime();
    }
}
