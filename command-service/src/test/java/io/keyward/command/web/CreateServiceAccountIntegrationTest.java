package io.keyward.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.command.support.CommandServiceTestBase;
import io.keyward.pat.PatFormat;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CreateServiceAccountIntegrationTest extends CommandServiceTestBase {

    private static final String PATH = "/api/v2/auth/serviceaccount";
    private final ObjectMapper json = new ObjectMapper();

    private static String body(String username, String expiration) {
        return """
                {"username": "%s", "name": "Streamer Export", "accessTokenType": "Bearer",
                 "description": "Used by analytics streamer for gNMI export"%s}"""
                .formatted(username, expiration == null ? "" : ", \"expirationDate\": \"" + expiration + "\"");
    }

    private static String inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void createsAServiceAccountWithItsPatAsTheGuideShows() throws Exception {
        // when
        HttpResponse<String> response = post(PATH + "?withPAT=true&roles=tenant-admin", ADMIN_TOKEN, "tenant1",
                body("streamer-export", inDays(28)));

        // then
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        String id = created.get("machineUserId").asText();
        assertThat(id).matches("[1-9][0-9]{15,18}");
        assertThat(created.get("username").asText()).isEqualTo("streamer-export");
        assertThat(created.get("name").asText()).isEqualTo("Streamer Export");
        assertThat(created.get("description").asText()).isEqualTo("Used by analytics streamer for gNMI export");
        String pat = created.get("pat").asText();
        assertThat(PatFormat.isWellFormed(pat)).isTrue();
        assertThat(response.headers().firstValue("Location")).hasValue(PATH + "/" + id);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

        // the events are in the event store, the lookups beside them, and no plaintext anywhere
        List<String> types = jdbc.queryForList(
                "SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, id);
        assertThat(types).containsExactly("io.keyward.events.ServiceAccountCreatedEvent",
                "io.keyward.events.PersonalAccessTokenIssuedEvent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE position(? in "
                + "convert_from(payload, 'UTF8')) > 0", Integer.class, pat)).isZero();
        Map<String, Object> principal = jdbc.queryForMap(
                "SELECT tenant_id, username_key, kind, roles FROM kw_principal WHERE user_id = ?", Long.parseLong(id));
        assertThat(principal).containsEntry("tenant_id", "tenant1").containsEntry("kind", "machine")
                .containsEntry("roles", "tenant-admin").containsEntry("username_key", "streamer-export");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kw_credential WHERE user_id = ?", Integer.class,
                Long.parseLong(id))).isEqualTo(1);

        // and the new PAT works: this account is a tenant-admin of tenant1
        HttpResponse<String> second = post(PATH, pat, "tenant1", body("second-account", null));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(json.readTree(second.body()).has("pat")).isFalse();
        // but not in another tenant
        assertThat(post(PATH, pat, "tenant2", body("third-account", null)).statusCode()).isEqualTo(403);
    }

    @Test
    void aUsernameIsUniquePerTenantCaseInsensitively() {
        assertThat(post(PATH, ADMIN_TOKEN, "tenant1", body("duplicate-me", null)).statusCode()).isEqualTo(201);

        HttpResponse<String> again = post(PATH, ADMIN_TOKEN, "tenant1", body("Duplicate-Me", null));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(again.body()).contains("\"code\":\"username-taken\"").contains("already exists");
        // another tenant may use it
        assertThat(post(PATH, ADMIN_TOKEN, "tenant2", body("duplicate-me", null)).statusCode()).isEqualTo(201);
    }

    @Test
    void aUsernameOfAHumanUserIsUnprocessable() {
        // skylight-admin is the bootstrap human user of tenant "system"
        HttpResponse<String> response = post(PATH, ADMIN_TOKEN, "system", body("SKYLIGHT-ADMIN", null));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("\"code\":\"username-of-human-user\"");
    }

    @Test
    void concurrentCreatesOfOneUsernameGiveExactlyOneAccount() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            for (int round = 0; round < 5; round++) {
                String username = "race-" + round;
                List<Callable<Integer>> creates = new ArrayList<>();
                for (int i = 0; i < contenders; i++) {
                    creates.add(() -> post(PATH, ADMIN_TOKEN, "tenant-race", body(username, null)).statusCode());
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> code : pool.invokeAll(creates)) {
                    codes.add(code.get());
                }
                assertThat(codes).as("round %d", round).containsOnly(201, 409);
                assertThat(codes.stream().filter(c -> c == 201)).as("round %d", round).hasSize(1);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ? "
                        + "AND position(? in convert_from(payload, 'UTF8')) > 0", Integer.class,
                        "io.keyward.events.ServiceAccountCreatedEvent", "\"" + username + "\"")).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesCallersWithoutAValidPat() {
        String body = body("nobody", null);
        assertThat(post(PATH, null, "tenant1", body).statusCode()).isEqualTo(401);
        assertThat(post(PATH, "not-a-pat", "tenant1", body).statusCode()).isEqualTo(401);
        String unknown = PatFormat.generate(new java.security.SecureRandom());
        HttpResponse<String> response = post(PATH, unknown, "tenant1", body);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(response.body()).doesNotContain(unknown);
        assertThat(post(PATH, ADMIN_TOKEN, null, body).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesBadRequestsWithUsefulProblems() {
        assertThat(post(PATH, ADMIN_TOKEN, "tenant1", "{not json").body()).contains("Malformed JSON");
        assertThat(post(PATH, ADMIN_TOKEN, "tenant1", "{\"username\": 5}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = post(PATH, ADMIN_TOKEN, "tenant1",
                "{\"username\":\"a\",\"name\":\"A\",\"accessTokenType\":\"Bearer\",\"roles\":[\"skylight-admin\"]}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("Field 'roles' is not allowed here.");
        assertThat(post(PATH + "?roles=root", ADMIN_TOKEN, "tenant1", body("x", null)).body())
                .contains("Unknown role 'root'");
        assertThat(post(PATH + "?withPAT=maybe", ADMIN_TOKEN, "tenant1", body("x", null)).body())
                .contains("Parameter 'withPAT' must be true or false.");
        assertThat(post(PATH + "?withPAT=true", ADMIN_TOKEN, "tenant1", body("x", null)).body())
                .contains("Field 'expirationDate' is required.");
        HttpResponse<String> past = post(PATH + "?withPAT=true", ADMIN_TOKEN, "tenant1",
                body("x", "2020-01-01T00:00:00Z"));
        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(past.body()).contains("must be in the future");
        assertThat(post(PATH + "?withPAT=true", ADMIN_TOKEN, "tenant1", body("x", inDays(400))).statusCode())
                .isEqualTo(422);
        assertThat(post(PATH, ADMIN_TOKEN, "tenant1", body("x", inDays(3))).body())
                .contains("only allowed with withPAT=true");
        assertThat(post(PATH, ADMIN_TOKEN, "tenant1",
                "{\"username\":\"x\",\"name\":\"X\",\"accessTokenType\":\"Bearer\",\"description\":\""
                        + "d".repeat(401) + "\"}").body()).contains("at most 400 characters");
    }
}
