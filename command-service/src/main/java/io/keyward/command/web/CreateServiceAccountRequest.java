package io.keyward.command.web;

/**
 * Body of {@code POST /api/v2/auth/serviceaccount}, as in the guide. Unknown fields are refused (400) by the
 * strict JSON settings, so nothing else can be assigned through it.
 */
public record CreateServiceAccountRequest(
        String username,
        String name,
        String accessTokenType,
        String description,
        String expirationDate) {
}
