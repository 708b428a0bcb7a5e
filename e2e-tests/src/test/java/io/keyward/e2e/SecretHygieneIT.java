package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.keyward.pat.PatHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * After every other suite: each PAT issued during the run is searched for, in plaintext, in PostgreSQL (every table,
 * binary columns decoded), in MongoDB (every database and collection), in every Kafka topic from the beginning, and
 * in the logs of every stack started, and found nowhere. Their keyed hashes must not leave the event store and the
 * credential index either: none in MongoDB, Kafka or the logs.
 */
@Order(Integer.MAX_VALUE)
class SecretHygieneIT {

    private static SharedStack shared;
    private static Set<String> pats;
    private static Map<String, String> hashes;

    @BeforeAll
    static void collect() throws Exception {
        shared = SharedStack.get();
        pats = Set.copyOf(Api.PATS_SEEN);
        PatHasher hasher = new PatHasher(Files.readString(shared.stack.dataDir.resolve("pepper"))
                .strip().getBytes(StandardCharsets.UTF_8));
        hashes = new HashMap<>();
        for (String pat : pats) {
            hashes.put(hasher.hashText(pat), pat);
        }
        System.out.printf("secret hygiene: %d PATs issued during the suite%n", pats.size());
        assertThat(pats).as("the suites issued PATs to look for").hasSizeGreaterThan(50);
    }

    private static final java.util.regex.Pattern PAT_SHAPE = java.util.regex.Pattern.compile("kwp_[0-9A-Za-z]{49}");
    private static final java.util.regex.Pattern HASH_SHAPE = java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])");

    /** Every token-shaped and hash-shaped string in {@code text} is looked up among those issued: linear in text. */
    private static void assertClean(String where, String text, boolean hashesToo) {
        java.util.regex.Matcher candidates = PAT_SHAPE.matcher(text);
        while (candidates.find()) {
            assertThat(pats.contains(candidates.group())).as("a PAT in plaintext in %s", where).isFalse();
        }
        if (hashesToo) {
            java.util.regex.Matcher hashed = HASH_SHAPE.matcher(text);
            while (hashed.find()) {
                assertThat(hashes.containsKey(hashed.group())).as("a PAT's hash in %s", where).isFalse();
            }
        }
    }

    @Test
    void noPatInPostgreSql() throws Exception {
        int rows = 0;
        try (Connection connection = DriverManager.getConnection(shared.postgresUrl(), "postgres", null);
             Statement statement = connection.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT table_name, column_name, data_type FROM "
                    + "information_schema.columns WHERE table_schema = 'public' ORDER BY table_name")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            Map<String, List<String>> expressions = new HashMap<>();
            for (String[] column : columns) {
                String expression = column[2].equals("bytea")
                        ? "coalesce(encode(\"" + column[1] + "\", 'escape'), '')"
                        : "coalesce(\"" + column[1] + "\"::text, '')";
                expressions.computeIfAbsent(column[0], t -> new ArrayList<>()).add(expression);
            }
            for (Map.Entry<String, List<String>> table : expressions.entrySet()) {
                try (ResultSet rs = statement.executeQuery("SELECT concat_ws(' ', "
                        + String.join(", ", table.getValue()) + ") FROM \"" + table.getKey() + "\"")) {
                    while (rs.next()) {
                        assertClean("PostgreSQL table " + table.getKey(), rs.getString(1), false);
                        rows++;
                    }
                }
            }
        }
        System.out.printf("secret hygiene: %d PostgreSQL rows searched%n", rows);
        assertThat(rows).isGreaterThan(100);
    }

    @Test
    void noPatNorHashInMongoDb() {
        int documents = 0;
        try (MongoClient mongo = MongoClients.create(shared.mongoUri())) {
            for (String name : mongo.listDatabaseNames()) {
                MongoDatabase database = mongo.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    for (var document : database.getCollection(collection).find()) {
                        assertClean("MongoDB " + name + "." + collection, document.toJson(), true);
                        documents++;
                    }
                }
            }
        }
        System.out.printf("secret hygiene: %d MongoDB documents searched%n", documents);
        assertThat(documents).isGreaterThan(50);
    }

    @Test
    void noPatNorHashInAnyKafkaTopic() throws Exception {
        int records = 0;
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, shared.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "hygiene-" + UUID.randomUUID(),
                AdminClientConfig.CLIENT_ID_CONFIG, "hygiene");
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                shared.kafkaBootstrap()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).contains("keyward.audit.v1", "keyward.revocations.v1");
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder();
                    Stream.of(record.key(), record.value()).filter(b -> b != null)
                            .forEach(b -> text.append(new String(b, StandardCharsets.UTF_8)).append(' '));
                    for (Header header : record.headers()) {
                        text.append(new String(header.value(), StandardCharsets.UTF_8)).append(' ');
                    }
                    assertClean("Kafka topic " + record.topic(), text.toString(), true);
                    records++;
                }
            }
        }
        System.out.printf("secret hygiene: %d Kafka records searched%n", records);
        assertThat(records).isGreaterThan(100);
    }

    @Test
    void noPatNorHashInTheLogs() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        List<Path> logs;
        try (Stream<Path> files = Files.list(target)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
        }
        assertThat(logs).isNotEmpty();
        long bytes = 0;
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            assertClean("log " + log.getFileName(), text, true);
            bytes += text.length();
        }
        System.out.printf("secret hygiene: %d log files, %d characters searched%n", logs.size(), bytes);
    }
}
