package io.keyward.command.api;

import java.time.Instant;

/**
 * A PAT to issue, as the aggregate sees it: its id, its keyed hash and its expiration. The token itself never
 * enters a command.
 */
public record NewPat(String credentialId, String tokenHash, String name, Instant expirationDate) {

    @Override
    public String toString() {
        return "NewPat[credentialId=" + credentialId + ", name=" + name + ", expirationDate=" + expirationDate + "]";
    }
}
