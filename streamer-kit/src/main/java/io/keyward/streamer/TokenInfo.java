package io.keyward.streamer;

import java.time.Instant;
import java.util.Set;

/**
 * What Keyward's introspection says of a client's PAT. Only {@code active} is set for an inactive token.
 *
 * @param credentialId the PAT's id ({@code jti}): the key of the revocation topic's records
 */
public record TokenInfo(boolean active, String credentialId, String userId, String username, String tenant,
                        Set<String> roles, Instant expiresAt) {

    public static TokenInfo inactive() {
        return new TokenInfo(false, null, null, null, null, Set.of(), null);
    }
}
