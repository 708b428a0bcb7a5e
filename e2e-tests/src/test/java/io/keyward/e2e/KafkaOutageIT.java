package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyward.infra.ChildProcess;
import io.keyward.infra.KafkaBrokerProcess;
import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.RevocationRecord;
import io.keyward.kafka.Topics;
import io.keyward.pat.PatFormat;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Kafka down for a while: commands keep working, and once the broker is back every event of the store is on the
 * topics (after dedupe on id), every revocation on the revocation topic, and the publish lag, visible meanwhile,
 * returns to zero. The broker is a process of the test's own, stopped and restarted on the same data.
 */
@Order(2)
class KafkaOutageIT {

    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"([^\"]+)\"");
    private static final Pattern CREDENTIAL_ID = Pattern.compile("\"credentialId\":\"([^\"]+)\"");

    @Test
    void nothingIsLostWhileKafkaIsDown() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "outage-");
        Path infra = RunningStack.root().resolve("infra").resolve("target");
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String admin = PatFormat.generate(new SecureRandom());
        Api.remember(admin);
        PrintStream brokerLog = new PrintStream(Files.newOutputStream(target.resolve("outage-kafka.log")), true);

        ChildProcess broker = startBroker(dataDir, kafkaPort, controllerPort, infra, brokerLog);
        try (RunningStack stack = new RunningStack(dataDir.resolve("stack"), target.resolve("outage-stack.log"),
                Map.of("KEYWARD_KAFKA_BOOTSTRAP", bootstrap))) {
            stack.start(Map.of("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", admin));
            Api api = new Api(stack.gateway());
            String tenant = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            api.principal(admin, tenant, "before-the-outage", null);

            // when: the broker goes away, and commands keep coming
            broker.stop(30);
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Api.Principal account = api.principal(admin, tenant, "during-" + i, null);
                accounts.add(account.id());
                assertThat(api.addPat(admin, tenant, account.id(), Api.inDays(5)).status()).isEqualTo(201);
                if (i % 3 == 0) {
                    assertThat(api.deletePat(admin, tenant, account.id(), account.credentialId()).status())
                            .isEqualTo(200);
                }
                if (i % 5 == 0) {
                    assertThat(api.deleteServiceAccount(admin, tenant, account.id()).status()).isEqualTo(200);
                }
            }
            // a refused request during the outage, audited through the outbox (an unknown but well-formed PAT)
            assertThat(api.get("/api/v2/auth/serviceaccount/" + accounts.get(1),
                    PatFormat.generate(new SecureRandom()), tenant).status()).isEqualTo(401);
            String commandMetrics = "http://127.0.0.1:" + stack.ports.get("COMMAND") + "/actuator/prometheus";
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(commandMetrics) > 0);

            // then: the broker returns, and everything reaches it
            broker = startBroker(dataDir, kafkaPort, controllerPort, infra, brokerLog);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> lag(commandMetrics) == 0);

            Set<String> eventIds = new HashSet<>();
            Set<String> revokedCredentials = new HashSet<>();
            storedEvents(stack, eventIds, revokedCredentials);
            Map<String, Set<String>> published = consume(bootstrap, eventIds, revokedCredentials);
            assertThat(published.get(Topics.AUDIT)).containsAll(eventIds);
            assertThat(published.get(Topics.REVOCATIONS)).containsAll(revokedCredentials);
            assertThat(published.get(Topics.AUDIT)).as("the refused request during the outage")
                    .anyMatch(id -> !eventIds.contains(id));
            System.out.printf("kafka outage: %d events and %d revocations published after the broker returned%n",
                    eventIds.size(), revokedCredentials.size());
            stack.stop();
        } finally {
            broker.stop(30);
        }
    }

    private static ChildProcess startBroker(Path dataDir, int port, int controllerPort, Path infra,
                                            PrintStream log) throws Exception {
        ChildProcess broker = KafkaBrokerProcess.start(dataDir.resolve("kafka"), port, controllerPort,
                infra.resolve("infra.jar"), infra.resolve("lib"), log);
        KafkaBrokerProcess.awaitReady(broker, port, Duration.ofSeconds(120));
        return broker;
    }

    private static double lag(String metricsUrl) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher lag = Pattern.compile("keyward_processor_lag_events\\{processor=\"kafka-publisher\"\\} (\\S+)")
                .matcher(metrics);
        assertThat(lag.find()).as(metrics).isTrue();
        return Double.parseDouble(lag.group(1));
    }

    /** Every event id in the store, and the credential ids of every revocation. */
    private static void storedEvents(RunningStack stack, Set<String> eventIds, Set<String> revoked) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + stack.ports.get("POSTGRES") + "/keyward", "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT payloadtype, convert_from(payload, 'UTF8') FROM domainevententry")) {
            while (rows.next()) {
                Matcher id = EVENT_ID.matcher(rows.getString(2));
                assertThat(id.find()).isTrue();
                eventIds.add(id.group(1));
                if (rows.getString(1).endsWith("PersonalAccessTokenRevokedEvent")) {
                    Matcher credential = CREDENTIAL_ID.matcher(rows.getString(2));
                    assertThat(credential.find()).isTrue();
                    revoked.add(credential.group(1));
                }
            }
        }
    }

    /** Audit record ids and revoked credential ids on the topics, read from the beginning until all are there. */
    private static Map<String, Set<String>> consume(String bootstrap, Set<String> events, Set<String> revoked) {
        Set<String> audit = new HashSet<>();
        Set<String> revocations = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT, Topics.REVOCATIONS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (record.topic().equals(Topics.AUDIT)) {
                        audit.add(KafkaJson.read(record.value(), AuditRecord.class).id());
                    } else {
                        revocations.add(KafkaJson.read(record.value(), RevocationRecord.class).credentialId());
                    }
                });
                return audit.containsAll(events) && revocations.containsAll(revoked) && audit.size() > events.size();
            });
        }
        return Map.of(Topics.AUDIT, audit, Topics.REVOCATIONS, revocations);
    }

}
