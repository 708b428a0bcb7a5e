package io.keyward.command.ops;

import io.keyward.identity.Role;
import io.keyward.service.security.Caller;
import io.keyward.web.KeywardException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Ops on the write side (skylight-admin only): rebuild the lookups, re-publish events to Kafka. */
@RestController
@RequestMapping("/api/v2/auth/admin")
class AdminController {

    private final LookupRebuild lookups;
    private final KafkaRepublisher republisher;

    AdminController(LookupRebuild lookups, KafkaRepublisher republisher) {
        this.lookups = lookups;
        this.republisher = republisher;
    }

    @PostMapping("/lookups/rebuild")
    ResponseEntity<OperationStatus> rebuildLookups(Caller caller) {
        caller.require(Role.SKYLIGHT_ADMIN);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(lookups.start());
    }

    @GetMapping("/lookups/rebuild")
    OperationStatus lookupsRebuildStatus(Caller caller) {
        caller.require(Role.SKYLIGHT_ADMIN);
        return lookups.status();
    }

    /** Body {@code {"from": "<RFC 3339>"}}: every event from that time on is published again. */
    @PostMapping("/kafka/republish")
    ResponseEntity<OperationStatus> republish(Caller caller, @RequestBody RepublishRequest body) {
        caller.require(Role.SKYLIGHT_ADMIN);
        if (body.from() == null) {
            throw KeywardException.invalid("Field 'from' is required.");
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(body.from()).toInstant();
        } catch (DateTimeParseException e) {
            throw KeywardException.invalid("Field 'from' must be an RFC 3339 timestamp.");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(republisher.start(from));
    }

    @GetMapping("/kafka/republish")
    OperationStatus republishStatus(Caller caller) {
        caller.require(Role.SKYLIGHT_ADMIN);
        return republisher.status();
    }

    record RepublishRequest(String from) {
    }
}
