package io.keyward.command.web;

/** Body of {@code POST .../pat}: the guide's expiration date, and an optional name shown in listings. */
public record AddPatRequest(String expirationDate, String name) {
}
