package io.keyward.command.web;

import io.keyward.command.service.IssuedPat;

/**
 * A PAT just issued, as in the guide: shown this once. {@code machineUserId} for a service account's PAT,
 * {@code userId} for a human's; {@code rotatedFrom} and {@code rotatedFromRevokedAt} after a rotation.
 */
public record IssuedPatResponse(
        String credentialId,
        String machineUserId,
        String userId,
        String expirationDate,
        String pat,
        String name,
        String rotatedFrom,
        String rotatedFromRevokedAt) {

    static IssuedPatResponse forServiceAccount(IssuedPat pat) {
        return new IssuedPatResponse(pat.credentialId(), pat.userId(), null, pat.expirationDate().toString(),
                pat.token(), pat.name(), null, null);
    }

    static IssuedPatResponse forHumanUser(IssuedPat pat) {
        return new IssuedPatResponse(pat.credentialId(), null, pat.userId(), pat.expirationDate().toString(),
                pat.token(), pat.name(), null, null);
    }

    IssuedPatResponse rotatedFrom(String credentialId, java.time.Instant revokedAt) {
        return new IssuedPatResponse(this.credentialId, machineUserId, userId, expirationDate, pat, name,
                credentialId, revokedAt.toString());
    }

    @Override
    public String toString() {
        return "IssuedPatResponse[credentialId=" + credentialId + "]";
    }
}
