package io.keyward.command.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.command.support.CommandServiceTestBase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An account whose PATs come and go is snapshotted, and commands on it after the snapshot see exactly the state the
 * events gave it: PATs issued before the snapshot can still be revoked, revoked ones stay revoked.
 */
class SnapshotIntegrationTest extends CommandServiceTestBase {

    private static final String TENANT = "tenant-snapshot";
    private final ObjectMapper json = new ObjectMapper();
    private final String expiration = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            .toString();

    @Test
    void aBusyAccountIsSnapshottedAndKeepsItsStateAcrossTheSnapshot() throws Exception {
        // given: an account with a PAT kept from the start, then 60 PATs issued and revoked (over 120 events)
        JsonNode created = json.readTree(expect(201, post("/api/v2/auth/serviceaccount?withPAT=true&roles=tenant-admin",
                ADMIN_TOKEN, TENANT, """
                        {"username": "busy", "name": "Busy", "accessTokenType": "Bearer", "expirationDate": "%s"}"""
                        .formatted(expiration))));
        String id = created.get("machineUserId").asText();
        String kept = created.get("credentialId").asText();
        List<String> revoked = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String credential = issue(id);
            expect(200, delete(id, credential));
            revoked.add(credential);
        }
        String lateIssue = issue(id);

        // then: a snapshot was taken
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Integer.class, id)).isPositive();

        // and the state after it is the events' state
        assertThat(delete(id, revoked.get(0)).statusCode()).as("a revoked PAT stays revoked").isEqualTo(404);
        assertThat(delete(id, revoked.get(59)).statusCode()).isEqualTo(404);
        expect(200, delete(id, kept));
        expect(200, delete(id, lateIssue));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kw_credential WHERE user_id = ? AND revoked_at IS NULL",
                Integer.class, Long.parseLong(id))).isZero();
    }

    private String issue(String id) throws Exception {
        return json.readTree(expect(201, post("/api/v2/auth/serviceaccount/" + id + "/pat", ADMIN_TOKEN, TENANT,
                "{\"expirationDate\": \"" + expiration + "\"}"))).get("credentialId").asText();
    }

    private HttpResponse<String> delete(String id, String credential) {
        return send(authorize(HttpRequest.newBuilder(uri("/api/v2/auth/serviceaccount/" + id + "/pat/" + credential))
                .DELETE(), ADMIN_TOKEN, TENANT));
    }

    private static String expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }
}
