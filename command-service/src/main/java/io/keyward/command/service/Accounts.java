package io.keyward.command.service;

import io.keyward.command.api.AccountState;
import io.keyward.command.api.CreateServiceAccountCommand;
import io.keyward.command.api.DeleteUserCommand;
import io.keyward.command.api.IssuePatCommand;
import io.keyward.command.api.NewPat;
import io.keyward.command.api.RegisterHumanUserCommand;
import io.keyward.command.api.RevokeAllPatsCommand;
import io.keyward.command.api.RevokePatCommand;
import io.keyward.command.api.RotatePatCommand;
import io.keyward.command.api.UpdateServiceAccountCommand;
import io.keyward.command.lookup.Principals;
import io.keyward.events.RevocationReason;
import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The write side's use cases: assigns ids, mints PATs (plaintext in, keyed hash on), sends the commands and turns
 * their failures into Keyward errors. Authorization and request validation happen before, in the web layer.
 */
@Service
public class Accounts {

    private static final int ATTEMPTS_ON_CONCURRENT_CHANGE = 5;

    private final CommandGateway commands;
    private final IdGenerator ids;
    private final PatHasher hasher;
    private final SecureRandom random;
    private final Principals principals;

    public Accounts(CommandGateway commands, IdGenerator ids, PatHasher hasher, SecureRandom random,
                    Principals principals) {
        this.commands = commands;
        this.ids = ids;
        this.hasher = hasher;
        this.random = random;
        this.principals = principals;
    }

    /** A new service account; {@code patExpiration} non-null also issues its first PAT. */
    public CreatedUser createServiceAccount(String tenantId, String username, String name, String description,
                                            String accessTokenType, List<Role> roles, Instant patExpiration,
                                            String actorId) {
        String userId = ids.next();
        Minted pat = patExpiration == null ? null : mint(userId, patExpiration, null, null);
        createUser(tenantId, username, UserKind.MACHINE, new CreateServiceAccountCommand(userId, tenantId, username,
                name, description, accessTokenType, roles, pat == null ? null : pat.command(), actorId));
        return new CreatedUser(userId, pat == null ? null : pat.issued());
    }

    /** A new human user; {@code patExpiration} non-null also issues a first PAT, or uses {@code presetToken}. */
    public CreatedUser registerHumanUser(String tenantId, String username, String name, String email,
                                         List<Role> roles, Instant patExpiration, String presetToken,
                                         String actorId) {
        String userId = ids.next();
        Minted pat = patExpiration == null ? null : mint(userId, patExpiration, null, presetToken);
        createUser(tenantId, username, UserKind.HUMAN, new RegisterHumanUserCommand(userId, tenantId, username, name,
                email, roles, pat == null ? null : pat.command(), actorId));
        return new CreatedUser(userId, pat == null ? null : pat.issued());
    }

    public IssuedPat issuePat(String tenantId, UserKind kind, String userId, Instant expiration, String name,
                              String actorId) {
        Minted pat = mint(userId, expiration, name, null);
        send(new IssuePatCommand(userId, tenantId, kind, pat.command(), actorId), () -> notFound(kind, userId));
        return pat.issued();
    }

    public void revokePat(String tenantId, UserKind kind, String userId, String credentialId,
                          RevocationReason reason, String actorId) {
        send(new RevokePatCommand(userId, tenantId, kind, credentialId, reason, actorId),
                () -> notFound(kind, userId));
    }

    public List<String> revokeAllPats(String tenantId, UserKind kind, String userId, String actorId) {
        return send(new RevokeAllPatsCommand(userId, tenantId, kind, RevocationReason.DELETED, actorId),
                () -> notFound(kind, userId));
    }

    /** A new PAT in place of {@code credentialId}, which stops working at {@code revokeOldAt} (null: at once). */
    public IssuedPat rotatePat(String tenantId, UserKind kind, String userId, String credentialId,
                               Instant expiration, String name, Instant revokeOldAt, String actorId) {
        Minted pat = mint(userId, expiration, name, null);
        send(new RotatePatCommand(userId, tenantId, kind, credentialId, pat.command(), revokeOldAt, actorId),
                () -> notFound(kind, userId));
        return pat.issued();
    }

    public AccountState updateServiceAccount(String tenantId, String userId, String name, String description,
                                             String actorId) {
        return send(new UpdateServiceAccountCommand(userId, tenantId, name, description, actorId),
                () -> notFound(UserKind.MACHINE, userId));
    }

    public void deleteUser(String tenantId, UserKind kind, String userId, String actorId) {
        send(new DeleteUserCommand(userId, tenantId, kind, actorId), () -> notFound(kind, userId));
    }

    /**
     * Sends a create. A taken username is found by the unique key of {@code kw_principal}, in the command's own
     * transaction, which it rolls back with the events (no separate check first: that would cost every create a
     * query, and would still race); only then is the holder asked for, to choose 409 or 422.
     */
    private void createUser(String tenantId, String username, UserKind creating, Object command) {
        try {
            send(command, () -> "");
        } catch (DuplicateKeyException e) {
            throw usernameTaken(tenantId, username, creating,
                    principals.holderOf(tenantId, username).orElse(UserKind.MACHINE));
        }
    }

    /** 409 for a username held by a service account; 422 when a service account would take a human's username. */
    private static KeywardException usernameTaken(String tenantId, String username, UserKind creating,
                                                  UserKind holder) {
        if (holder == UserKind.HUMAN && creating == UserKind.MACHINE) {
            return new KeywardException(ErrorCode.USERNAME_OF_HUMAN,
                    "Username '" + username + "' belongs to a human user in tenant " + tenantId
                            + "; choose a different username.");
        }
        return new KeywardException(ErrorCode.USERNAME_TAKEN, (holder == UserKind.HUMAN ? "A human user"
                : "A service account") + " with username '" + username + "' already exists in tenant " + tenantId
                + ".");
    }

    private static String notFound(UserKind kind, String userId) {
        return (kind == UserKind.HUMAN ? "User " : "Service account ") + userId + " not found.";
    }

    private Minted mint(String userId, Instant expiration, String name, String presetToken) {
        String token = presetToken != null ? presetToken : PatFormat.generate(random);
        String credentialId = ids.next();
        NewPat command = new NewPat(credentialId, hasher.hashText(token), name, expiration);
        return new Minted(command, new IssuedPat(credentialId, userId, expiration, name, token));
    }

    /**
     * Sends a command and waits for it. Commands on one aggregate from several instances may collide on its
     * sequence number; the loser is retried on fresh state before giving up with 409.
     */
    public <R> R send(Object command, Supplier<String> notFound) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (AggregateNotFoundException e) {
                throw KeywardException.notFound(notFound.get());
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS_ON_CONCURRENT_CHANGE) {
                    throw new KeywardException(ErrorCode.CONCURRENT_MODIFICATION,
                            "The object changed concurrently; retry the request.");
                }
            }
        }
    }

    private record Minted(NewPat command, IssuedPat issued) {
    }

    /** A user just created, with its first PAT if one was asked for. */
    public record CreatedUser(String userId, IssuedPat pat) {
    }
}
