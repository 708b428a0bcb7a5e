package io.keyward.command.web;

import java.util.List;

/** Answer to a revocation: which credentials stopped working. */
public record RevokedPatsResponse(String machineUserId, String userId, List<String> revoked, int count) {

    static RevokedPatsResponse of(String machineUserId, String userId, List<String> revoked) {
        return new RevokedPatsResponse(machineUserId, userId, List.copyOf(revoked), revoked.size());
    }
}
