package io.keyward.command.web;

/** Answer to a delete: what was deleted. */
public record DeletedResponse(String machineUserId, String userId, boolean deleted) {
}
