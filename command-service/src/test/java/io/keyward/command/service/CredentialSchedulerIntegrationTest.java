package io.keyward.command.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.command.support.CommandServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"keyward.scheduler.initial-delay=0s", "keyward.scheduler.interval=200ms"})
class CredentialSchedulerIntegrationTest extends CommandServiceTestBase {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode createWithPat(String username, Instant expiration) throws Exception {
        var response = post("/api/v2/auth/serviceaccount?withPAT=true&roles=tenant-admin", ADMIN_TOKEN,
                "tenant-schedule", """
                        {"username": "%s", "name": "N", "accessTokenType": "Bearer", "expirationDate": "%s"}"""
                        .formatted(username, expiration.truncatedTo(ChronoUnit.SECONDS)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private List<String> eventsOf(String id) {
        return jdbc.queryForList("SELECT payloadtype || ' ' || convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? ORDER BY sequencenumber", String.class, id);
    }

    @Test
    void anExpiredPatIsRecordedAsRevokedForExpiryAndStaysForbidden() throws Exception {
        // given
        JsonNode created = createWithPat("expires-soon", Instant.now().plusSeconds(2));
        String id = created.get("machineUserId").asText();
        String pat = created.get("pat").asText();

        // then: past its expiration it is refused with 403, and its revocation is recorded with reason "expired"
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(eventsOf(id))
                .anySatisfy(e -> assertThat(e).contains("PersonalAccessTokenRevokedEvent")
                        .contains("\"reason\":\"expired\"")));
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                io.keyward.testing.TestStores.kafkaBootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "expiry-" + id,
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(io.keyward.kafka.Topics.REVOCATIONS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var revocation = io.keyward.kafka.KafkaJson.read(record.value(),
                            io.keyward.kafka.RevocationRecord.class);
                    if (revocation.credentialId().equals(created.get("credentialId").asText())) {
                        assertThat(revocation.reason()).isEqualTo("expired");
                        assertThat(record.key()).isEqualTo(id);
                        return true;
                    }
                }
                return false;
            });
        }
        var refused = post("/api/v2/auth/serviceaccount", pat, "tenant-schedule",
                "{\"username\":\"x\",\"name\":\"X\",\"accessTokenType\":\"Bearer\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("\"code\":\"token-expired\"");
    }

    @Test
    void warnsThirtyAndSevenDaysAheadOncePerPatThatLivedLongerThanThat() throws Exception {
        // given: two PATs issued long ago (as far as the schedule knows), expiring in 20 and in 5 days
        String in20 = createWithPat("warn-20", Instant.now().plus(20, ChronoUnit.DAYS)).get("machineUserId").asText();
        String in5 = createWithPat("warn-5", Instant.now().plus(5, ChronoUnit.DAYS)).get("machineUserId").asText();
        String young = createWithPat("young", Instant.now().plus(5, ChronoUnit.DAYS)).get("machineUserId").asText();
        jdbc.update("UPDATE kw_credential SET issued_at = now() - interval '60 days', "
                        + "warn_30_days_due = expires_at - interval '720 hours', "
                        + "warn_7_days_due = expires_at - interval '168 hours' WHERE user_id IN (?, ?)",
                Long.parseLong(in20), Long.parseLong(in5));

        // then
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(eventsOf(in20)).filteredOn(e -> e.contains("ExpiryWarned")).singleElement()
                    .satisfies(e -> assertThat(e).contains("\"daysLeft\":30"));
            assertThat(eventsOf(in5)).filteredOn(e -> e.contains("ExpiryWarned")).singleElement()
                    .satisfies(e -> assertThat(e).contains("\"daysLeft\":7"));
        });
        Thread.sleep(1_000); // a few more rounds of the scheduler
        assertThat(eventsOf(in20)).filteredOn(e -> e.contains("ExpiryWarned")).hasSize(1);
        assertThat(eventsOf(in5)).filteredOn(e -> e.contains("ExpiryWarned")).hasSize(1);
        assertThat(eventsOf(young)).as("a PAT that never lived 7 days is not warned about")
                .noneMatch(e -> e.contains("ExpiryWarned"));
    }

    @Test
    void aWarningFallsDueOnlyForAPatIssuedBeforeItsTime() throws Exception {
        // when: PATs for 40 days, exactly 30 days, and 3 days
        Instant in40 = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant in30 = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String long40 = createWithPat("due-40", in40).get("machineUserId").asText();
        String exactly30 = createWithPat("due-30", in30).get("machineUserId").asText();
        String short3 = createWithPat("due-3", Instant.now().plus(3, ChronoUnit.DAYS)).get("machineUserId")
                .asText();

        // then: each warning is due 720 / 168 hours before expiry, and only if the PAT lived before then
        assertThat(dues(long40)).containsExactly(in40.minus(30, ChronoUnit.DAYS), in40.minus(7, ChronoUnit.DAYS));
        assertThat(dues(exactly30)).containsExactly(null, in30.minus(7, ChronoUnit.DAYS));
        assertThat(dues(short3)).containsExactly(null, null);
    }

    private List<Instant> dues(String userId) {
        return jdbc.query("SELECT warn_30_days_due, warn_7_days_due FROM kw_credential WHERE user_id = ?",
                (rs, n) -> java.util.Arrays.asList(
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()),
                Long.parseLong(userId)).get(0);
    }
}
