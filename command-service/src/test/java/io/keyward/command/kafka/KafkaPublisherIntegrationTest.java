package io.keyward.command.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.command.support.CommandServiceTestBase;
import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.AuditTypes;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.Topics;
import io.keyward.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class KafkaPublisherIntegrationTest extends CommandServiceTestBase {

    @Test
    void everyEventReachesTheAuditTopicAsACloudEventKeyedByAccountWithoutSecrets() throws Exception {
        // given
        String expiration = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        var response = post("/api/v2/auth/serviceaccount?withPAT=true", ADMIN_TOKEN, "tenant-kafka", """
                {"username": "audited", "name": "Audited", "accessTokenType": "Bearer", "expirationDate": "%s"}"""
                .formatted(expiration));
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = new ObjectMapper().readTree(response.body());
        String id = created.get("machineUserId").asText();
        String pat = created.get("pat").asText();

        // when
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStores.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        records.add(r);
                    }
                });
                return records.size() >= 2;
            });
        }

        // then
        List<AuditRecord> audit = records.stream().map(r -> KafkaJson.read(r.value(), AuditRecord.class)).toList();
        assertThat(audit).extracting(AuditRecord::type)
                .containsExactly(AuditTypes.SERVICE_ACCOUNT_CREATED, AuditTypes.PAT_ISSUED);
        AuditRecord createdRecord = audit.get(0);
        assertThat(createdRecord.specversion()).isEqualTo("1.0");
        assertThat(createdRecord.subject()).isEqualTo(id);
        assertThat(createdRecord.tenant()).isEqualTo("tenant-kafka");
        assertThat(createdRecord.source()).isEqualTo("/keyward/tenants/tenant-kafka");
        assertThat(createdRecord.data()).containsEntry("username", "audited");
        assertThat(audit.get(1).data()).containsEntry("credentialId", created.get("credentialId").asText());
        assertThat(records.get(0).headers().lastHeader("content-type").value())
                .isEqualTo(KafkaPublisher.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        for (ConsumerRecord<String, byte[]> record : records) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(value).doesNotContain(pat).doesNotContain("tokenHash");
        }
        assertThat(audit).extracting(AuditRecord::id).doesNotHaveDuplicates();
    }

    @Test
    void everyRefusedRequestReachesTheAuditTopicWithoutTheToken() throws Exception {
        // given
        String unknown = io.keyward.pat.PatFormat.generate(new java.security.SecureRandom());
        String body = "{\"username\":\"nope\",\"name\":\"N\",\"accessTokenType\":\"Bearer\"}";
        String expiration = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonNode roleless = new ObjectMapper().readTree(post("/api/v2/auth/serviceaccount?withPAT=true", ADMIN_TOKEN,
                "tenant-refused", "{\"username\":\"roleless\",\"name\":\"R\",\"accessTokenType\":\"Bearer\","
                        + "\"expirationDate\":\"" + expiration + "\"}").body());

        // when
        assertThat(post("/api/v2/auth/serviceaccount", unknown, "tenant-refused", body).statusCode()).isEqualTo(401);
        assertThat(post("/api/v2/auth/serviceaccount", roleless.get("pat").asText(), "tenant-refused", body)
                .statusCode()).isEqualTo(403);

        // then
        List<AuditRecord> refusals = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStores.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(unknown)
                            .doesNotContain(roleless.get("pat").asText());
                    AuditRecord record = KafkaJson.read(r.value(), AuditRecord.class);
                    if ("tenant-refused".equals(record.tenant()) && record.type().startsWith("io.keyward.auth")) {
                        refusals.add(record);
                    }
                });
                return refusals.size() >= 2;
            });
        }
        AuditRecord unauthenticated = refusals.stream()
                .filter(r -> r.type().equals(AuditTypes.AUTHENTICATION_FAILED)).findFirst().orElseThrow();
        assertThat(unauthenticated.data()).containsEntry("reason", "unknown_token").containsEntry("status", 401)
                .containsEntry("method", "POST").containsEntry("path", "/api/v2/auth/serviceaccount")
                .containsEntry("address", "127.0.0.1").containsEntry("service", "command-service");
        assertThat(unauthenticated.actor()).isEqualTo("anonymous");
        AuditRecord denied = refusals.stream()
                .filter(r -> r.type().equals(AuditTypes.AUTHORIZATION_DENIED)).findFirst().orElseThrow();
        assertThat(denied.data()).containsEntry("reason", "role-required").containsEntry("status", 403)
                .containsEntry("credentialId", roleless.get("credentialId").asText());
        assertThat(denied.actor()).isEqualTo(roleless.get("machineUserId").asText());
        assertThat(denied.subject()).isEqualTo(roleless.get("credentialId").asText());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM kw_audit_outbox", Integer.class))
                .as("the outbox is drained once Kafka has the records").isZero());
    }

    @Test
    void theRevocationTopicOutlivesTheLongestPat() throws Exception {
        // given: the topics exist once something was published
        post("/api/v2/auth/serviceaccount", ADMIN_TOKEN, "tenant-retention",
                "{\"username\":\"retained\",\"name\":\"R\",\"accessTokenType\":\"Bearer\"}");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestStores.kafkaBootstrapServers()))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.REVOCATIONS);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                long retention = Long.parseLong(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                        .get("retention.ms").value());
                assertThat(Duration.ofMillis(retention)).isGreaterThanOrEqualTo(Duration.ofDays(365 + 30));
            });
        }
    }
}
