package io.keyward.command.web;

import java.util.List;

/** A human user just registered. */
public record UserResponse(String userId, String username, String name, String email, List<String> roles) {
}
