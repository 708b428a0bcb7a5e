package io.keyward.command.api;

/** A service account's fields as they are after a command, returned by the update handler. */
public record AccountState(String userId, String username, String name, String description) {
}
