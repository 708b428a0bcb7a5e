package io.keyward.query.web;

import io.keyward.identity.Role;
import io.keyward.query.projection.ReadModelProcessors;
import io.keyward.query.projection.RebuildStatus;
import io.keyward.service.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops: rebuild the read models by replaying the event store, and follow the rebuild (skylight-admin only). Reads
 * keep being answered from the current generation until the rebuilt one takes over.
 */
@RestController
@RequestMapping("/api/v2/auth/admin/read-models/rebuild")
class ReadModelAdminController {

    private final ReadModelProcessors processors;

    ReadModelAdminController(ReadModelProcessors processors) {
        this.processors = processors;
    }

    @PostMapping
    ResponseEntity<RebuildStatus> rebuild(Caller caller) {
        caller.require(Role.SKYLIGHT_ADMIN);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(processors.startRebuild());
    }

    @GetMapping
    RebuildStatus status(Caller caller) {
        caller.require(Role.SKYLIGHT_ADMIN);
        return processors.status();
    }
}
