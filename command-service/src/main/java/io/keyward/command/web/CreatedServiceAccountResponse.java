package io.keyward.command.web;

/**
 * Answer to a create: the guide's fields, and, when {@code withPAT=true}, the PAT (shown this once) with its
 * credential id and expiration.
 */
public record CreatedServiceAccountResponse(
        String machineUserId,
        String username,
        String name,
        String description,
        String pat,
        String credentialId,
        String expirationDate) {

    @Override
    public String toString() {
        return "CreatedServiceAccountResponse[machineUserId=" + machineUserId + ", username=" + username
                + ", credentialId=" + credentialId + "]";
    }
}
