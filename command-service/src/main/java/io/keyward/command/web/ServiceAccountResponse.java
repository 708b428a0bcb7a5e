package io.keyward.command.web;

/** A service account's fields after a change. */
public record ServiceAccountResponse(String machineUserId, String username, String name, String description) {
}
