package io.keyward.query.web;

import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.service.error.KeywardException;
import io.keyward.service.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The guide's service account queries. */
@RestController
@RequestMapping("/api/v2/auth/serviceaccount")
class ServiceAccountQueryController {

    private final ServiceAccountReader reader;

    ServiceAccountQueryController(ServiceAccountReader reader) {
        this.reader = reader;
    }

    @GetMapping("/{machineUserId}")
    ServiceAccountView get(Caller caller, @PathVariable String machineUserId) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        if (!IdGenerator.isValid(machineUserId)) {
            throw KeywardException.invalid("Path parameter 'machineUserId' must be a decimal id.");
        }
        return reader.find(caller.tenantId(), machineUserId)
                .orElseThrow(() -> KeywardException.notFound("Service account " + machineUserId + " not found."));
    }
}
