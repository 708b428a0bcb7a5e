package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.kafka.AuditTypes;
import io.keyward.pat.PatFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The foundation's flow against the local stack started as processes, as {@code ./keyward up} starts it:
 * embedded PostgreSQL, the Kafka broker process, the MongoDB-wire server on disk, and the three services. Then a
 * stop and a restart on the same data: nothing is lost and the bootstrap does not run twice.
 */
@Order(1)
class LocalStackEndToEndIT {

    @Test
    void theCreateFlowCrossesEveryHopAndSurvivesARestart() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "stack-");
        Path log = target.resolve("local-stack-e2e.log");
        String adminToken = PatFormat.generate(new SecureRandom());

        try (RunningStack stack = new RunningStack(dataDir, log, Map.of())) {
            stack.start(Map.of("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", adminToken));
            System.out.printf("local stack started in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
            GuideFlow.Stores stores = new GuideFlow.Stores(
                    "jdbc:postgresql://127.0.0.1:" + stack.ports.get("POSTGRES") + "/keyward", "postgres", null,
                    "mongodb://127.0.0.1:" + stack.ports.get("MONGO"),
                    "127.0.0.1:" + stack.ports.get("KAFKA"));

            GuideFlow.Created created = GuideFlow.run(stack.gateway(), adminToken, stores);

            Duration stopTime = stack.stop();
            System.out.printf("local stack stopped in %.1f s%n", stopTime.toMillis() / 1000.0);
            assertThat(stopTime).isLessThan(Duration.ofSeconds(90));
            assertThat(Files.readString(log)).contains("Keyward stopped");

            // restart on the same data, without the bootstrap token: the data is all there
            stack.start(Map.of());
            System.out.printf("local stack restarted in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
            var again = GuideFlow.call("GET", stack.gateway() + "/api/v2/auth/serviceaccount/"
                    + created.machineUserId(), adminToken, created.tenant(), null, null);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(GuideFlow.awaitAuditRecord(stores.kafkaBootstrap(), created.machineUserId(),
                    AuditTypes.SERVICE_ACCOUNT_CREATED)).isNotNull();
            assertThat(Files.readString(log)).as("the bootstrap token is never printed when preset")
                    .doesNotContain(adminToken);
            stack.stop();
        }
    }
}
