package io.keyward.command.web;

/** Body of {@code POST /pat/revoke}: revoke every PAT of the tenant issued before this RFC 3339 time. */
public record BulkRevocationRequest(String issuedBefore) {
}
