package io.keyward.command.web;

import io.keyward.command.service.Accounts;
import io.keyward.command.service.IssuedPat;
import io.keyward.events.RevocationReason;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.service.security.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Human users of a tenant (its administrators and managers), under the same rules as service accounts: tenant
 * admins register and delete them, and may issue them PATs.
 */
@RestController
@RequestMapping("/api/v2/auth/user")
class HumanUserController {

    private final Accounts accounts;
    private final RequestRules rules;

    HumanUserController(Accounts accounts, RequestRules rules) {
        this.accounts = accounts;
        this.rules = rules;
    }

    @PostMapping
    ResponseEntity<UserResponse> register(Caller caller,
                                          @RequestParam(name = "roles", required = false) String roles,
                                          @RequestBody RegisterUserRequest body) {
        caller.require(Role.TENANT_ADMIN);
        List<Role> granted = rules.roles(roles);
        caller.requireMayGrant(granted);
        String username = rules.username(body.username());
        String name = rules.name(body.name());
        String email = rules.email(body.email());
        Accounts.CreatedUser created = accounts.registerHumanUser(caller.tenantId(), username, name, email, granted,
                null, null, caller.userId());
        return ResponseEntity.created(URI.create("/api/v2/auth/user/" + created.userId()))
                .body(new UserResponse(created.userId(), username, name, email,
                        granted.stream().map(Role::value).toList()));
    }

    @DeleteMapping("/{userId}")
    DeletedResponse delete(Caller caller, @PathVariable String userId) {
        caller.require(Role.TENANT_ADMIN);
        String id = rules.id("userId", userId);
        accounts.deleteUser(caller.tenantId(), UserKind.HUMAN, id, caller.userId());
        return new DeletedResponse(null, id, true);
    }

    @PostMapping("/{userId}/pat")
    ResponseEntity<IssuedPatResponse> addPat(Caller caller, @PathVariable String userId,
                                             @RequestBody(required = false) AddPatRequest body) {
        caller.require(Role.TENANT_ADMIN);
        String id = rules.id("userId", userId);
        AddPatRequest request = body == null ? new AddPatRequest(null, null) : body;
        IssuedPat pat = accounts.issuePat(caller.tenantId(), UserKind.HUMAN, id,
                rules.expiration(caller.tenantId(), request.expirationDate()), rules.patName(request.name()),
                caller.userId());
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(IssuedPatResponse.forHumanUser(pat));
    }

    @DeleteMapping("/{userId}/pat/{credentialId}")
    RevokedPatsResponse deletePat(Caller caller, @PathVariable String userId, @PathVariable String credentialId) {
        caller.require(Role.TENANT_ADMIN);
        String id = rules.id("userId", userId);
        String credential = rules.id("credentialId", credentialId);
        accounts.revokePat(caller.tenantId(), UserKind.HUMAN, id, credential, RevocationReason.DELETED,
                caller.userId());
        return RevokedPatsResponse.of(null, id, List.of(credential));
    }
}
