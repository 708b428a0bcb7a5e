package io.keyward.command.web;

/** Body of {@code POST /user}: a human user of the tenant. */
public record RegisterUserRequest(String username, String name, String email) {
}
