package io.keyward.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real stores for tests, each started once per JVM on a free port and shared by every test in it: PostgreSQL (real
 * binaries), a single-node KRaft Kafka broker, and the MongoDB-wire server (in memory). They are never stopped
 * explicitly (Spring's cached contexts may still use them); the JVM's exit takes them down.
 *
 * <p>Each Spring context gets its own PostgreSQL database and MongoDB database ({@link #register}), so test classes
 * don't see each other's data.</p>
 */
public final class TestStores {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static MongoServer mongo;
    private static KafkaClusterTestKit kafka;

    private TestStores() {
    }

    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
                EmbeddedPostgres started = postgres;
                // Stop PostgreSQL only after Spring has closed the test contexts: stopped first, it would leave
                // their shutdown waiting for connections that never come.
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    awaitSpringShutdown();
                    try {
                        started.close();
                    } catch (Exception ignored) {
                        // exiting anyway
                    }
                }, "test-postgres-shutdown"));
            } catch (Exception e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    private static void awaitSpringShutdown() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("SpringApplicationShutdownHook")) {
                try {
                    thread.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A new, empty PostgreSQL database; returns its JDBC URL (user {@code postgres}, no password). */
    public static String newPostgresDatabase() {
        String name = "keyward_test_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return postgres().getJdbcUrl("postgres", name);
    }

    public static synchronized String mongoUri() {
        if (mongo == null) {
            mongo = new MongoServer(new MemoryBackend());
            InetSocketAddress address = mongo.bind();
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow, "test-mongo-shutdown"));
            return "mongodb://127.0.0.1:" + address.getPort();
        }
        return "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            try {
                KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(Files.createTempDirectory(Files.createDirectories(Path.of("target")),
                                "test-kafka-"))
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                        .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                // Not closed in a shutdown hook: Kafka's shutdown may call System.exit, which blocks forever inside
                // a hook. The JVM's exit ends the broker; its files are under target/.
                kafka = cluster;
            } catch (Exception e) {
                throw new IllegalStateException("Kafka broker did not start", e);
            }
        }
        return kafka.bootstrapServers();
    }

    /** Points a Spring context at a fresh PostgreSQL database (and, if asked, MongoDB and Kafka). */
    public static void register(DynamicPropertyRegistry registry, boolean withMongo, boolean withKafka) {
        String url = newPostgresDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        if (withMongo) {
            String database = "keyward_test_" + DATABASES.incrementAndGet();
            registry.add("keyward.mongo.uri", TestStores::mongoUri);
            registry.add("keyward.mongo.database", () -> database);
        }
        if (withKafka) {
            registry.add("keyward.kafka.bootstrap-servers", TestStores::kafkaBootstrapServers);
        }
    }
}
