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
}
