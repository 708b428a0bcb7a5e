package io.keyward.command.web;

/** Body of {@code PATCH /serviceaccount/{id}}: the fields to change; an absent field stays as it is. */
public record UpdateServiceAccountRequest(String name, String description) {
}
