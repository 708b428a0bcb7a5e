package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.infra.ChildProcess;
import io.keyward.infra.KafkaBrokerProcess;
import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.RevocationRecord;
import io.keyward.kafka.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a stack kept, read straight from its stores and topics, to hold against what its API acknowledged: the events
 * in PostgreSQL, the records on the audit and revocation topics, the processors' lag in the services' metrics.
 */
final class StoreProbes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StoreProbes() {
    }

    /** One event of the store, with the fields the checks compare ({@code credentialId} null where it has none). */
    record StoredEvent(String type, String eventId, String tenantId, String userId, String credentialId) {
    }

    /** Events whose payload holds anything shaped like a PAT (there must be none). */
    static long patShapedEvents(String postgresUrl) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry "
                     + "WHERE convert_from(payload, 'UTF8') ~ 'kwp_[0-9A-Za-z]{49}'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every event in the event store, in the order of the store. */
    static List<StoredEvent> events(String postgresUrl) throws Exception {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgresUrl, "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payloadtype, convert_from(payload, 'UTF8') "
                     + "FROM domainevententry ORDER BY globalindex")) {
            while (rows.next()) {
                String type = rows.getString(1);
                JsonNode payload = JSON.readTree(rows.getString(2));
                events.add(new StoredEvent(type.substring(type.lastIndexOf('.') + 1), payload.path("eventId")
                        .asText(null), payload.path("tenantId").asText(null), payload.path("userId").asText(null),
                        payload.path("credentialId").asText(null)));
            }
        }
        return events;
    }

    /** The records of the audit and revocation topics, as read (with any duplicates) and distinct. */
    record Published(List<String> auditIds, List<String> revokedCredentials, Set<String> distinctAuditIds,
                     Set<String> distinctRevokedCredentials, List<String> patShaped) {
    }

    /** Anything shaped like a PAT: none may be in a store, a topic or a log. */
    static final Pattern PAT_SHAPE = Pattern.compile("kwp_[0-9A-Za-z]{49}");

    /**
     * Reads the audit and revocation topics from the beginning until {@code enough} holds for what was read (or a
     * minute passed: then what was read so far is returned, for the caller's assertions to show). Duplicates are
     * kept: delivery is at least once, and the caller counts them.
     */
    static Published published(String bootstrap, Predicate<Published> enough) {
        List<String> audit = new ArrayList<>();
        List<String> revocations = new ArrayList<>();
        Published published = new Published(audit, revocations, new HashSet<>(), new HashSet<>(), new ArrayList<>());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT, Topics.REVOCATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!enough.test(published) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    Matcher pat = PAT_SHAPE.matcher(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                    if (pat.find()) {
                        published.patShaped().add(record.topic() + "@" + record.offset());
                    }
                    if (record.topic().equals(Topics.AUDIT)) {
                        String id = KafkaJson.read(record.value(), AuditRecord.class).id();
                        audit.add(id);
                        published.distinctAuditIds().add(id);
                    } else {
                        String credential = KafkaJson.read(record.value(), RevocationRecord.class).credentialId();
                        revocations.add(credential);
                        published.distinctRevokedCredentials().add(credential);
                    }
                });
            }
        }
        return published;
    }

    /** {@code keyward_processor_lag_events} of one event processor, from a service's Prometheus endpoint. */
    static double lag(String metricsUrl, String processor) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher lag = Pattern.compile("keyward_processor_lag_events\\{processor=\"" + Pattern.quote(processor)
                + "\"} (\\S+)").matcher(metrics);
        assertThat(lag.find()).as(metrics).isTrue();
        return Double.parseDouble(lag.group(1));
    }

    /** Waits until every event processor of the stack's services has handled every event of the store. */
    static void awaitProcessorsCaughtUp(RunningStack stack, Duration atMost) {
        List<String> services = List.of("COMMAND", "QUERY");
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            for (String service : services) {
                String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + stack.ports.get(service) + "/actuator/prometheus")).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher lag = Pattern.compile("keyward_processor_lag_events\\{processor=\"[^\"]+\"} (\\S+)")
                        .matcher(metrics);
                boolean found = false;
                while (lag.find()) {
                    found = true;
                    if (Double.parseDouble(lag.group(1)) != 0) {
                        return false;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        });
    }

    /** A Kafka broker process of the test's own, on the given data directory and ports, once it answers. */
    static ChildProcess startBroker(Path dataDirectory, int port, int controllerPort, PrintStream log)
            throws Exception {
        Path infra = RunningStack.root().resolve("infra").resolve("target");
        ChildProcess broker = KafkaBrokerProcess.start(dataDirectory, port, controllerPort,
                infra.resolve("infra.jar"), infra.resolve("lib"), log);
        KafkaBrokerProcess.awaitReady(broker, port, Duration.ofSeconds(120));
        return broker;
    }

    /** How often each value occurs more than once. */
    static <T> Map<T, Integer> duplicates(List<T> values) {
        Map<T, Integer> counts = new HashMap<>();
        values.forEach(value -> counts.merge(value, 1, Integer::sum));
        counts.values().removeIf(count -> count < 2);
        return counts;
    }
}
