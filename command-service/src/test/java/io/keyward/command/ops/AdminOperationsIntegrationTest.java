package io.keyward.command.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.command.support.CommandServiceTestBase;
import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.Topics;
import io.keyward.testing.TestStores;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class AdminOperationsIntegrationTest extends CommandServiceTestBase {

    private static final String TENANT = "tenant-ops";
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode create(String username, boolean withPat) throws Exception {
        String expiration = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> response = post("/api/v2/auth/serviceaccount" + (withPat ? "?withPAT=true" : ""),
                ADMIN_TOKEN, TENANT, "{\"username\":\"" + username + "\",\"name\":\"N\",\"accessTokenType\":\"Bearer\""
                        + (withPat ? ",\"expirationDate\":\"" + expiration + "\"" : "") + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        return send(authorize(HttpRequest.newBuilder(uri("/api/v2/auth/admin/" + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)), ADMIN_TOKEN, TENANT));
    }

    private List<Map<String, Object>> table(String sql) {
        return jdbc.queryForList(sql);
    }

    @Test
    void rebuildsTheLookupsFromTheEventsWhileTheyKeepServing() throws Exception {
        // given: history, then lookups damaged
        List<JsonNode> accounts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            accounts.add(create("lookup-" + i, true));
        }
        for (int i = 0; i < 30; i += 3) {
            String id = accounts.get(i).get("machineUserId").asText();
            send(authorize(HttpRequest.newBuilder(uri("/api/v2/auth/serviceaccount/" + id)).DELETE(), ADMIN_TOKEN,
                    TENANT));
        }
        String principals = "SELECT * FROM kw_principal ORDER BY user_id";
        String credentials = "SELECT credential_id, user_id, tenant_id, expires_at, issued_at, revoked_at, "
                + "revocation_reason, revoke_at, encode(token_hash, 'hex') AS hash FROM kw_credential "
                + "ORDER BY credential_id";
        List<Map<String, Object>> principalsBefore = table(principals);
        List<Map<String, Object>> credentialsBefore = table(credentials);
        jdbc.update("DELETE FROM kw_principal WHERE username LIKE 'lookup-1%'");
        jdbc.update("UPDATE kw_credential SET revoked_at = NULL, revocation_reason = NULL");

        // when
        HttpResponse<String> started = admin("POST", "lookups/rebuild", null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(admin("GET", "lookups/rebuild", null).body()).get("state").asText()
                        .matches("completed|failed"));

        // then
        JsonNode status = json.readTree(admin("GET", "lookups/rebuild", null).body());
        assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("completed");
        assertThat(status.get("eventsDone").asLong()).isEqualTo(status.get("eventsTotal").asLong());
        assertThat(table(principals)).isEqualTo(principalsBefore);
        assertThat(table(credentials)).isEqualTo(credentialsBefore);
        String deletedAccountsPat = accounts.get(0).get("pat").asText();
        assertThat(post("/api/v2/auth/serviceaccount", deletedAccountsPat, TENANT, "{}").statusCode()).isEqualTo(401);
        assertThat(create("after-rebuild", false).get("username").asText()).isEqualTo("after-rebuild");
        assertThat(post("/api/v2/auth/serviceaccount", ADMIN_TOKEN, TENANT,
                "{\"username\":\"lookup-1\",\"name\":\"N\",\"accessTokenType\":\"Bearer\"}").statusCode())
                .as("the restored claim holds").isEqualTo(409);
    }

    @Test
    void republishesEventsFromAPointInTimeBesideTheLivePublisher() throws Exception {
        // given
        create("before-republish", false);
        Thread.sleep(50);
        Instant from = Instant.now();
        Thread.sleep(50);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create("republished-" + i, true).get("machineUserId").asText());
        }

        // when
        HttpResponse<String> started = admin("POST", "kafka/republish", "{\"from\":\"" + from + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(admin("GET", "kafka/republish", null).body()).get("state").asText()
                        .equals("completed"));

        // then: each event since then is on the audit topic twice (same id), and nothing from before
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStores.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "republish-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    AuditRecord audit = KafkaJson.read(record.value(), AuditRecord.class);
                    if (ids.contains(audit.subject()) || "before-republish".equals(audit.data().get("username"))) {
                        copies.merge(audit.id() + " " + audit.subject(), 1, Integer::sum);
                    }
                });
                return copies.size() >= 11 && copies.entrySet().stream()
                        .filter(e -> !e.getKey().endsWith(" null")).allMatch(e -> e.getValue() >= 1);
            });
            Thread.sleep(1_000);
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                AuditRecord audit = KafkaJson.read(record.value(), AuditRecord.class);
                if (ids.contains(audit.subject()) || "before-republish".equals(audit.data().get("username"))) {
                    copies.merge(audit.id() + " " + audit.subject(), 1, Integer::sum);
                }
            });
        }
        copies.forEach((key, count) -> {
            boolean since = ids.stream().anyMatch(key::endsWith);
            assertThat(count).as(key).isEqualTo(since ? 2 : 1);
        });
        assertThat(copies.keySet().stream().filter(k -> ids.stream().anyMatch(k::endsWith))).hasSize(10);
    }
}
