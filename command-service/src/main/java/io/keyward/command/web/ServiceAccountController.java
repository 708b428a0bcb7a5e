package io.keyward.command.web;

import io.keyward.command.api.AccountState;
import io.keyward.command.service.Accounts;
import io.keyward.command.service.IssuedPat;
import io.keyward.events.RevocationReason;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.web.KeywardException;
import io.keyward.service.security.Caller;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The guide's service account commands, plus rotation and bulk revocation. */
@RestController
@RequestMapping("/api/v2/auth/serviceaccount")
class ServiceAccountController {

    private final Accounts accounts;
    private final RequestRules rules;
    private final Clock clock;

    ServiceAccountController(Accounts accounts, RequestRules rules, Clock clock) {
        this.accounts = accounts;
        this.rules = rules;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CreatedServiceAccountResponse> create(Caller caller,
                                                         @RequestParam(name = "withPAT", defaultValue = "false")
                                                         boolean withPat,
                                                         @RequestParam(name = "roles", required = false) String roles,
                                                         @RequestBody CreateServiceAccountRequest body) {
        caller.require(Role.TENANT_ADMIN);
        List<Role> granted = rules.roles(roles);
        caller.requireMayGrant(granted);
        String username = rules.username(body.username());
        String name = rules.name(body.name());
        String accessTokenType = rules.accessTokenType(body.accessTokenType());
        String description = rules.description(body.description());
        Instant expiration = null;
        if (withPat) {
            expiration = rules.expiration(caller.tenantId(), body.expirationDate());
        } else if (body.expirationDate() != null) {
            throw KeywardException.invalid("Field 'expirationDate' is only allowed with withPAT=true.");
        }

        Accounts.CreatedUser created = accounts.createServiceAccount(caller.tenantId(), username, name, description,
                accessTokenType, granted, expiration, caller.userId());

        IssuedPat pat = created.pat();
        return ResponseEntity.created(URI.create("/api/v2/auth/serviceaccount/" + created.userId()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedServiceAccountResponse(created.userId(), username, name, description,
                        pat == null ? null : pat.token(),
                        pat == null ? null : pat.credentialId(),
                        pat == null ? null : pat.expirationDate().toString()));
    }

    @PatchMapping("/{machineUserId}")
    ServiceAccountResponse update(Caller caller, @PathVariable String machineUserId,
                                  @RequestBody UpdateServiceAccountRequest body) {
        caller.require(Role.TENANT_ADMIN);
        String id = rules.id("machineUserId", machineUserId);
        if (body.name() == null && body.description() == null) {
            throw KeywardException.invalid("Nothing to update: send 'name', 'description' or both.");
        }
        String name = body.name() == null ? null : rules.name(body.name());
        String description = rules.description(body.description());
        AccountState state = accounts.updateServiceAccount(caller.tenantId(), id, name, description,
                caller.userId());
        return new ServiceAccountResponse(state.userId(), state.username(), state.name(), state.description());
    }

    @DeleteMapping("/{machineUserId}")
    DeletedResponse delete(Caller caller, @PathVariable String machineUserId) {
        caller.require(Role.TENANT_ADMIN);
        String id = rules.id("machineUserId", machineUserId);
        accounts.deleteUser(caller.tenantId(), UserKind.MACHINE, id, caller.userId());
        return new DeletedResponse(id, null, true);
    }

    @PostMapping("/{machineUserId}/pat")
    ResponseEntity<IssuedPatResponse> addPat(Caller caller, @PathVariable String machineUserId,
                                             @RequestBody(required = false) AddPatRequest body) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        String id = rules.id("machineUserId", machineUserId);
        AddPatRequest request = body == null ? new AddPatRequest(null, null) : body;
        Instant expiration = rules.expiration(caller.tenantId(), request.expirationDate());
        IssuedPat pat = accounts.issuePat(caller.tenantId(), UserKind.MACHINE, id, expiration,
                rules.patName(request.name()), caller.userId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(IssuedPatResponse.forServiceAccount(pat));
    }

    @DeleteMapping("/{machineUserId}/pat/{credentialId}")
    RevokedPatsResponse deletePat(Caller caller, @PathVariable String machineUserId,
                                  @PathVariable String credentialId) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        String id = rules.id("machineUserId", machineUserId);
        String credential = rules.id("credentialId", credentialId);
        accounts.revokePat(caller.tenantId(), UserKind.MACHINE, id, credential, RevocationReason.DELETED,
                caller.userId());
        return RevokedPatsResponse.of(id, null, List.of(credential));
    }

    /** Revokes every PAT of the account (the account stays). */
    @DeleteMapping("/{machineUserId}/pat")
    RevokedPatsResponse deleteAllPats(Caller caller, @PathVariable String machineUserId) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        String id = rules.id("machineUserId", machineUserId);
        return RevokedPatsResponse.of(id, null,
                accounts.revokeAllPats(caller.tenantId(), UserKind.MACHINE, id, caller.userId()));
    }

    /**
     * Replaces a PAT in one call: the new PAT is returned once; the old one stops at once or after the grace
     * period. Allowed to service account managers, and to the service account itself (with its own PAT).
     */
    @PostMapping("/{machineUserId}/pat/{credentialId}/rotate")
    ResponseEntity<IssuedPatResponse> rotatePat(Caller caller, @PathVariable String machineUserId,
                                                @PathVariable String credentialId,
                                                @RequestBody(required = false) RotatePatRequest body) {
        String id = rules.id("machineUserId", machineUserId);
        if (!id.equals(caller.userId())) {
            caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        }
        String credential = rules.id("credentialId", credentialId);
        RotatePatRequest request = body == null ? new RotatePatRequest(null, null, null) : body;
        Instant expiration = rules.expiration(caller.tenantId(), request.expirationDate());
        Duration grace = rules.gracePeriod(request.gracePeriod());
        Instant now = clock.instant();
        Instant revokeOldAt = grace.isZero() ? null : now.plus(grace);
        IssuedPat pat = accounts.rotatePat(caller.tenantId(), UserKind.MACHINE, id, credential, expiration,
                rules.patName(request.name()), revokeOldAt, caller.userId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(IssuedPatResponse.forServiceAccount(pat)
                        .rotatedFrom(credential, revokeOldAt == null ? now : revokeOldAt));
    }
}
