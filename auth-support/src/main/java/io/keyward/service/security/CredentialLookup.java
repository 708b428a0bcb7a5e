package io.keyward.service.security;

import java.util.Optional;

/** Finds the credential stored under a PAT's keyed hash, with its holder. */
@FunctionalInterface
public interface CredentialLookup {

    Optional<StoredCredential> findByHash(byte[] tokenHash);
}
