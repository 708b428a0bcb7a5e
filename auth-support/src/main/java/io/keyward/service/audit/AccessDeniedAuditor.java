package io.keyward.service.audit;

import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.AuditRecords;
import io.keyward.kafka.KafkaJson;
import io.keyward.service.security.AccessDeniedEvent;
import io.keyward.service.security.PatAuthenticator;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every refused request (401 or 403) becomes a CloudEvents record in the audit outbox in PostgreSQL, from where the
 * command-service publishes it to the audit topic. Written in the request, so it survives a Kafka outage and a
 * restart; never with the token. If even PostgreSQL is unreachable, the refusal is still logged.
 */
public class AccessDeniedAuditor {

    private static final Logger log = LoggerFactory.getLogger(AccessDeniedAuditor.class);

    private final JdbcTemplate jdbc;
    private final String service;

    public AccessDeniedAuditor(JdbcTemplate jdbc, String service) {
        this.jdbc = jdbc;
        this.service = service;
    }

    @EventListener
    public void on(AccessDeniedEvent denied) {
        String tenant = denied.tenant() != null && PatAuthenticator.TENANT_ID.matcher(denied.tenant()).matches()
                ? denied.tenant() : null;
        AuditRecord record = AuditRecords.accessDenied(UUID.randomUUID().toString(), denied.status(),
                denied.reason(), service, tenant, denied.credentialId(), denied.userId(), denied.address(),
                denied.method(), truncate(denied.path()), denied.time());
        try {
            jdbc.update("INSERT INTO kw_audit_outbox (record_key, record) VALUES (?, ?)",
                    denied.credentialId() != null ? denied.credentialId() : denied.address(),
                    KafkaJson.write(record));
        } catch (RuntimeException e) {
            log.warn("Could not queue the audit record of a refused request ({} {}): {}", denied.method(),
                    denied.reason(), e.toString());
        }
    }

    private static String truncate(String path) {
        return path == null || path.length() <= 256 ? path : path.substring(0, 256);
    }
}
