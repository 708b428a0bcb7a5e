package io.keyward.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.identity.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRecordsTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void serviceAccountCreatedBecomesACloudEvent() throws Exception {
        var event = new ServiceAccountCreatedEvent("e-1", "tenant1", "291606795498498048", "streamer-export",
                "Streamer Export", "gNMI export", "Bearer", List.of(Role.TENANT_ADMIN), "42", AT);

        AuditRecord record = AuditRecords.of(event);

        assertThat(record.specversion()).isEqualTo("1.0");
        assertThat(record.id()).isEqualTo("e-1");
        assertThat(record.type()).isEqualTo(AuditTypes.SERVICE_ACCOUNT_CREATED);
        assertThat(record.source()).isEqualTo("/keyward/tenants/tenant1");
        assertThat(record.subject()).isEqualTo("291606795498498048");
        assertThat(record.time()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(record.tenant()).isEqualTo("tenant1");
        assertThat(record.actor()).isEqualTo("42");
        assertThat(record.data()).containsEntry("username", "streamer-export")
                .containsEntry("roles", List.of("tenant-admin"));
        assertThat(new String(KafkaJson.write(record))).contains("\"datacontenttype\":\"application/json\"");
    }

    @Test
    void issuedTokensArePublishedWithoutTheirHash() throws Exception {
        var event = new PersonalAccessTokenIssuedEvent("e-2", "tenant1", "7", "8", "secret-hash-value", null,
                AT.plusSeconds(3600), null, "42", AT);

        String published = new String(KafkaJson.write(AuditRecords.of(event)));

        assertThat(published).doesNotContain("secret-hash-value").doesNotContain("tokenHash")
                .contains("\"credentialId\":\"8\"").doesNotContain("\"name\"");
        assertThat(event.toString()).doesNotContain("secret-hash-value");
        assertThat(AuditRecords.revocationOf(event)).isEmpty();
    }

    @Test
    void revokedTokensAlsoGiveARevocationRecord() {
        var event = new PersonalAccessTokenRevokedEvent("e-3", "tenant1", "7", "8", RevocationReason.DELETED, "42",
                AT, AT.plusSeconds(86400));

        RevocationRecord record = AuditRecords.revocationOf(event).orElseThrow();

        assertThat(record).isEqualTo(new RevocationRecord("e-3", "8", "7", "tenant1", "deleted",
                "2026-12-03T10:00:00Z", "2026-12-04T10:00:00Z"));
        assertThat(KafkaJson.read(KafkaJson.write(record), RevocationRecord.class)).isEqualTo(record);
        assertThat(AuditRecords.of(event).data()).containsEntry("reason", "deleted");
    }

    @Test
    void refusalsAreTypedByWhatFailed() {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        assertThat(AuditRecords.accessDenied("1", 401, "unknown_token", "query-service", "t1", null, null, "10.0.0.1",
                "GET", "/api/v2/auth/serviceaccount/1", now).type()).isEqualTo(AuditTypes.AUTHENTICATION_FAILED);
        assertThat(AuditRecords.accessDenied("2", 429, "too_many_failed_authentications", "gateway", null, null, null,
                "10.0.0.1", "GET", "/api/v2/auth/serviceaccount/1", now).type())
                .as("a throttled attempt to authenticate").isEqualTo(AuditTypes.AUTHENTICATION_FAILED);
        assertThat(AuditRecords.accessDenied("3", 403, "role-required", "command-service", "t1", "5", "6", "10.0.0.1",
                "DELETE", "/api/v2/auth/serviceaccount/1", now).type()).isEqualTo(AuditTypes.AUTHORIZATION_DENIED);
    }
}
