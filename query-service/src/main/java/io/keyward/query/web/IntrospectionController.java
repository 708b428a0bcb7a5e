package io.keyward.query.web;

import io.keyward.service.security.Caller;
import io.keyward.service.security.Introspection;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth 2.0 token introspection (RFC 7662) for PATs: a protected resource (a streamer, an API) posts
 * {@code token=<PAT>} with its own PAT as bearer. Clients reach it through the gateway, which answers the
 * well-formed requests itself from its credential cache and forwards the rest here; this endpoint answers them and
 * any caller that reaches the query-service directly, with the same {@link Introspection}.
 */
@RestController
class IntrospectionController {

    private final Introspection introspection;

    IntrospectionController(Introspection introspection) {
        this.introspection = introspection;
    }

    @PostMapping(path = "/api/v2/auth/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> introspect(Caller caller, @RequestParam("token") String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(introspection.introspect(caller, token));
    }
}
