package io.keyward.command.web;

import io.keyward.command.service.Accounts;
import io.keyward.identity.Role;
import io.keyward.service.error.KeywardException;
import io.keyward.service.security.Caller;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The guide's service account commands. */
@RestController
@RequestMapping("/api/v2/auth/serviceaccount")
class ServiceAccountController {

    private final Accounts accounts;
    private final RequestRules rules;

    ServiceAccountController(Accounts accounts, RequestRules rules) {
        this.accounts = accounts;
        this.rules = rules;
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

        var pat = created.pat();
        return ResponseEntity.created(URI.create("/api/v2/auth/serviceaccount/" + created.userId()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedServiceAccountResponse(created.userId(), username, name, description,
                        pat == null ? null : pat.token(),
                        pat == null ? null : pat.credentialId(),
                        pat == null ? null : pat.expirationDate().toString()));
    }
}
