package io.keyward.query.web;

import java.util.List;

/** A service account as the API shows it. */
public record ServiceAccountView(
        String machineUserId,
        String username,
        String name,
        String description,
        String accessTokenType,
        List<String> roles,
        String createdAt,
        String updatedAt) {
}
