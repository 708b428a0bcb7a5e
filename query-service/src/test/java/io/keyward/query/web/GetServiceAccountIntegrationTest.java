package io.keyward.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.Role;
import io.keyward.query.support.QueryServiceTestBase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GetServiceAccountIntegrationTest extends QueryServiceTestBase {

    private static final String PATH = "/api/v2/auth/serviceaccount/";
    private final ObjectMapper json = new ObjectMapper();
    private String manager;

    @BeforeEach
    void caller() {
        manager = userWithPat("tenant1", "manager-" + UUID.randomUUID(), Role.SERVICE_ACCOUNT_MANAGER);
    }

    private static ServiceAccountCreatedEvent created(String id, String tenant, String username) {
        return new ServiceAccountCreatedEvent(UUID.randomUUID().toString(), tenant, id, username, "Streamer Export",
                "Used by analytics streamer for gNMI export", "Bearer", List.of(Role.TENANT_ADMIN), "1",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void anAccountWrittenByAnotherProcessIsReadableAtOnce() throws Exception {
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            // given: written the moment before, by "another process"
            String id = newId();
            append(id, created(id, "tenant1", "streamer-" + i));

            // when: read at once
            HttpResponse<String> response = get(PATH + id, manager, "tenant1");

            // then: never a 404
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode account = json.readTree(response.body());
            assertThat(account.get("machineUserId").asText()).isEqualTo(id);
            assertThat(account.get("username").asText()).isEqualTo("streamer-" + i);
            assertThat(account.get("name").asText()).isEqualTo("Streamer Export");
            assertThat(account.get("description").asText()).isEqualTo("Used by analytics streamer for gNMI export");
            assertThat(account.get("accessTokenType").asText()).isEqualTo("Bearer");
            assertThat(account.get("roles").get(0).asText()).isEqualTo("tenant-admin");
        }
        // PostgreSQL's notification wakes the projection: far below the 1 s fallback poll per read.
        long averageMillis = (System.nanoTime() - started) / 20 / 1_000_000;
        System.out.println("average write-to-read " + averageMillis + " ms");
        assertThat(averageMillis).isLessThan(500);
    }

    @Test
    void updatesAndDeletesAreVisibleAtOnce() throws Exception {
        String id = newId();
        append(id, created(id, "tenant1", "to-change"));
        append(id, new ServiceAccountUpdatedEvent(UUID.randomUUID().toString(), "tenant1", id,
                "Streamer Export (Production)", "Updated description", "1", Instant.now()));

        JsonNode account = json.readTree(get(PATH + id, manager, "tenant1").body());
        assertThat(account.get("name").asText()).isEqualTo("Streamer Export (Production)");
        assertThat(account.get("description").asText()).isEqualTo("Updated description");

        append(id, new ServiceAccountDeletedEvent(UUID.randomUUID().toString(), "tenant1", id, "to-change", "1",
                Instant.now()));
        assertThat(get(PATH + id, manager, "tenant1").statusCode()).isEqualTo(404);
    }

    @Test
    void anAccountOfAnotherTenantIsNotFound() {
        String id = newId();
        append(id, created(id, "tenant2", "elsewhere"));

        HttpResponse<String> response = get(PATH + id, manager, "tenant1");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"code\":\"not-found\"").doesNotContain("tenant2");
    }

    @Test
    void refusesWhatItMust() {
        String id = newId();
        append(id, created(id, "tenant1", "guarded"));
        String roleless = userWithPat("tenant1", "nobody-" + UUID.randomUUID());

        assertThat(get(PATH + id, null, "tenant1").statusCode()).isEqualTo(401);
        assertThat(get(PATH + id, roleless, "tenant1").statusCode()).isEqualTo(403);
        assertThat(get(PATH + id, manager, null).statusCode()).isEqualTo(403);
        assertThat(get(PATH + id, manager, "tenant2").statusCode()).isEqualTo(403);
        HttpResponse<String> badId = get(PATH + "abc", manager, "tenant1");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get(PATH + "-1", manager, "tenant1").statusCode()).isEqualTo(400);
    }

    @Test
    void aRevocationStoredAtRevisionOneStillReplays() throws Exception {
        // given: an account with a PAT, and that PAT's revocation as stored before revision 2 existed
        String id = newId();
        String credentialId = newId();
        append(id, created(id, "tenant1", "old-revision"), new io.keyward.events.PersonalAccessTokenIssuedEvent(
                UUID.randomUUID().toString(), "tenant1", id, credentialId, "aGFzaA", null,
                Instant.now().plusSeconds(3600), null, "1", Instant.now()));
        String revisionOne;
        try (var in = getClass().getResourceAsStream("/events/PersonalAccessTokenRevokedEvent-1.json")) {
            revisionOne = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("386935194638094336", id).replace("386935194638094337", credentialId);
        }
        jdbc.update("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 2, 'UserAccount', ?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '1', ?, ?)""",
                id, UUID.randomUUID().toString(), revisionOne,
                "io.keyward.events.PersonalAccessTokenRevokedEvent", Instant.now().toString());
        announceNewEvents();

        // when
        HttpResponse<String> listed = HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + PATH + id + "/pat/search"))
                .header("Authorization", "Bearer " + manager).header("X-Forwarded-Tenant-Id", "tenant1")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        // then: the projection read it (upcast to revision 2) and dropped the PAT
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(json.readTree(listed.body()).get("meta").get("total").asLong()).isZero();
    }
}
