package io.keyward.query.web;

import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.service.security.Caller;
import io.keyward.web.KeywardException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The guide's service account queries: get, search, and the PAT listing (metadata only). */
@RestController
@RequestMapping("/api/v2/auth/serviceaccount")
class ServiceAccountQueryController {

    static final MediaType JSON_API = MediaType.parseMediaType("application/vnd.api+json");

    private final ServiceAccountReader accounts;
    private final PatReader pats;

    ServiceAccountQueryController(ServiceAccountReader accounts, PatReader pats) {
        this.accounts = accounts;
        this.pats = pats;
    }

    @GetMapping("/{machineUserId}")
    ServiceAccountView get(Caller caller, @PathVariable String machineUserId) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        String id = id("machineUserId", machineUserId);
        return accounts.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/search")
    ResponseEntity<JsonApiPage> search(Caller caller,
                                       @RequestParam(name = "page", required = false) Integer page,
                                       @RequestParam(name = "pageSize", required = false) Integer pageSize,
                                       @RequestBody(required = false) SearchRequest body) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        Paging paging = Paging.of(page, pageSize);
        return ResponseEntity.ok().contentType(JSON_API).body(accounts.search(caller.tenantId(), body, paging));
    }

    @PostMapping("/{machineUserId}/pat/search")
    ResponseEntity<JsonApiPage> listPats(Caller caller, @PathVariable String machineUserId,
                                         @RequestParam(name = "page", required = false) Integer page,
                                         @RequestParam(name = "pageSize", required = false) Integer pageSize) {
        caller.require(Role.SERVICE_ACCOUNT_MANAGER);
        String id = id("machineUserId", machineUserId);
        Paging paging = Paging.of(page, pageSize);
        if (!accounts.exists(caller.tenantId(), id)) {
            throw notFound(id);
        }
        return ResponseEntity.ok().contentType(JSON_API).body(pats.list(id, "machineUserId", paging));
    }

    static String id(String parameter, String value) {
        if (!IdGenerator.isValid(value)) {
            throw KeywardException.invalid("Path parameter '" + parameter + "' must be a decimal id.");
        }
        return value;
    }

    private static KeywardException notFound(String id) {
        return KeywardException.notFound("Service account " + id + " not found.");
    }
}
