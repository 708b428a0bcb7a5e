package io.keyward.command.web;

import io.keyward.command.service.BulkRevocations;
import io.keyward.identity.Role;
import io.keyward.service.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Revoke every PAT of the tenant issued before a time, human and machine alike: the answer to a leak. Tenant
 * admins only; the caller's own PAT is included if it falls in the range.
 */
@RestController
class TenantRevocationController {

    private final BulkRevocations revocations;
    private final RequestRules rules;

    TenantRevocationController(BulkRevocations revocations, RequestRules rules) {
        this.revocations = revocations;
        this.rules = rules;
    }

    @PostMapping("/api/v2/auth/pat/revoke")
    RevokedPatsResponse revokeIssuedBefore(Caller caller, @RequestBody BulkRevocationRequest body) {
        caller.require(Role.TENANT_ADMIN);
        List<String> revoked = revocations.revokeIssuedBefore(caller.tenantId(),
                rules.instant("issuedBefore", body.issuedBefore()), caller.userId());
        return RevokedPatsResponse.of(null, null, revoked);
    }
}
