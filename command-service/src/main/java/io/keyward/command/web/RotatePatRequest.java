package io.keyward.command.web;

/**
 * Body of {@code POST .../pat/{credentialId}/rotate}: the new PAT's expiration (and optional name), and how long
 * the old PAT keeps working (ISO 8601 duration, default {@code PT0S}: it stops at once).
 */
public record RotatePatRequest(String expirationDate, String name, String gracePeriod) {
}
