package io.keyward.e2e;

import io.keyward.pat.PatFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same flow against real PostgreSQL, MongoDB (replica set) and Apache Kafka images, where Docker exists: the
 * stack is pointed at them by configuration alone (KEYWARD_POSTGRES_URL, KEYWARD_MONGO_URI,
 * KEYWARD_KAFKA_BOOTSTRAP), so none of its embedded stores starts. Skipped, visibly, without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealStoresStackIT {

    @Container
    static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:17-alpine")
            .withDatabaseName("keyward").withUsername("keyward").withPassword("keyward");
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Test
    void theCreateFlowCrossesEveryHopOnRealStores() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "stack-tc-");
        String adminToken = PatFormat.generate(new SecureRandom());
        Map<String, String> external = Map.of(
                "KEYWARD_POSTGRES_URL", POSTGRES.getJdbcUrl(),
                "KEYWARD_POSTGRES_USER", POSTGRES.getUsername(),
                "KEYWARD_POSTGRES_PASSWORD", POSTGRES.getPassword(),
                "KEYWARD_MONGO_URI", MONGO.getReplicaSetUrl("keyward"),
                "KEYWARD_KAFKA_BOOTSTRAP", KAFKA.getBootstrapServers(),
                "KEYWARD_BOOTSTRAP_ADMIN_TOKEN", adminToken);

        try (RunningStack stack = new RunningStack(dataDir, target.resolve("real-stores-stack.log"), external)) {
            stack.start(Map.of());
            GuideFlow.run(stack.gateway(), adminToken, new GuideFlow.Stores(POSTGRES.getJdbcUrl(),
                    POSTGRES.getUsername(), POSTGRES.getPassword(), MONGO.getReplicaSetUrl("keyward"),
                    KAFKA.getBootstrapServers()));
            stack.stop();
        }
    }
}
