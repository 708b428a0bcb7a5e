package io.keyward.query.web;

import io.keyward.identity.Role;
import io.keyward.service.security.Caller;
import io.keyward.web.KeywardException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Human users of the tenant, for tenant admins. */
@RestController
@RequestMapping("/api/v2/auth/user")
class HumanUserQueryController {

    private final HumanUserReader users;

    HumanUserQueryController(HumanUserReader users) {
        this.users = users;
    }

    @GetMapping("/{userId}")
    HumanUserReader.UserView get(Caller caller, @PathVariable String userId) {
        caller.require(Role.TENANT_ADMIN);
        String id = ServiceAccountQueryController.id("userId", userId);
        return users.find(caller.tenantId(), id)
                .orElseThrow(() -> KeywardException.notFound("User " + id + " not found."));
    }
}
