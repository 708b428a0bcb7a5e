package io.keyward.command.service;

import java.time.Instant;

/** A PAT just issued: the only object that ever holds its plaintext, on its way into one HTTP response. */
public record IssuedPat(String credentialId, String userId, Instant expirationDate, String name, String token) {

    @Override
    public String toString() {
        return "IssuedPat[credentialId=" + credentialId + ", userId=" + userId + ", expirationDate="
                + expirationDate + "]";
    }
}
