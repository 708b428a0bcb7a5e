package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.AuditTypes;
import io.keyward.kafka.KafkaJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SIEM view: after the guide's examples ran, the whole audit trail read from the beginning with Kafka's own
 * console consumer (as {@code ./keyward audit} runs it) shows every action once after dedupe on {@code id}, in order
 * per account, and the refused use of a deleted account's PAT.
 */
class AuditTrailIT {

    @Test
    void everyActionOfTheGuidesExamplesIsInTheAuditTrailOnceInOrder() throws Exception {
        SharedStack shared = SharedStack.get();
        String tenant = "siem-" + UUID.randomUUID().toString().substring(0, 8);
        String username = "siem-streamer-export";
        Api.Principal tenantAdmin = shared.api.principal(shared.adminToken, tenant, "siem-admin", "tenant-admin");
        runGuideExamples(shared, tenantAdmin.pat(), tenant, username);

        List<AuditRecord> trail = readAuditTrail(shared.kafkaBootstrap());
        Map<String, AuditRecord> deduplicated = new LinkedHashMap<>();
        trail.stream().filter(r -> tenant.equals(r.tenant())).forEach(r -> deduplicated.putIfAbsent(r.id(), r));
        String account = deduplicated.values().stream()
                .filter(r -> r.type().equals(AuditTypes.SERVICE_ACCOUNT_CREATED))
                .filter(r -> username.equals(r.data().get("username")))
                .map(AuditRecord::subject).findFirst().orElseThrow();

        List<String> actions = new ArrayList<>();
        deduplicated.values().stream().filter(r -> account.equals(r.subject()))
                .forEach(r -> actions.add(r.type() + (r.data().containsKey("reason") ? " " + r.data().get("reason")
                        : "")));
        assertThat(actions).containsExactly(
                AuditTypes.SERVICE_ACCOUNT_CREATED,
                AuditTypes.PAT_ISSUED,
                AuditTypes.PAT_ISSUED,
                AuditTypes.PAT_REVOKED + " deleted",
                AuditTypes.SERVICE_ACCOUNT_UPDATED,
                AuditTypes.PAT_REVOKED + " account_deleted",
                AuditTypes.SERVICE_ACCOUNT_DELETED);
        Object firstPat = deduplicated.values().stream()
                .filter(r -> account.equals(r.subject()) && r.type().equals(AuditTypes.PAT_ISSUED))
                .map(r -> r.data().get("credentialId")).findFirst().orElseThrow();
        assertThat(deduplicated.values()).as("the refused use of the deleted account's first PAT")
                .anyMatch(r -> r.type().equals(AuditTypes.AUTHENTICATION_FAILED)
                        && "revoked_token".equals(r.data().get("reason"))
                        && firstPat.equals(r.subject()));
        assertThat(deduplicated.values()).allSatisfy(r -> {
            assertThat(r.specversion()).isEqualTo("1.0");
            assertThat(r.source()).isEqualTo("/keyward/tenants/" + tenant);
            assertThat(r.time()).isNotBlank();
        });
    }

    private static void runGuideExamples(SharedStack shared, String token, String tenant, String username)
            throws Exception {
        Path patLog = Files.createTempFile("siem-pats", ".txt");
        ProcessBuilder script = new ProcessBuilder("bash",
                RunningStack.root().resolve("scripts").resolve("guide-examples.sh").toString())
                .redirectErrorStream(true);
        script.environment().put("BASE_URL", shared.stack.gateway());
        script.environment().put("TOKEN", token);
        script.environment().put("TENANT", tenant);
        script.environment().put("USERNAME", username);
        script.environment().put("PAT_LOG", patLog.toString());
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Files.readAllLines(patLog).forEach(Api::remember);
        Files.delete(patLog);
    }

    /** {@code ./keyward audit}: Kafka's console consumer from the beginning of the audit topic. */
    private static List<AuditRecord> readAuditTrail(String bootstrap) throws Exception {
        Path lib = RunningStack.root().resolve("infra").resolve("target").resolve("lib");
        Process consumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", lib + "/*", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", bootstrap,
                "--topic", "keyward.audit.v1", "--from-beginning", "--timeout-ms", "10000",
                "--property", "print.key=true", "--property", "key.separator= ")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<AuditRecord> records = new ArrayList<>();
        for (String line : lines) {
            int json = line.indexOf(' ');
            if (json > 0 && line.charAt(json + 1) == '{') {
                records.add(KafkaJson.read(line.substring(json + 1).getBytes(StandardCharsets.UTF_8),
                        AuditRecord.class));
            }
        }
        assertThat(records).isNotEmpty();
        return records;
    }
}
