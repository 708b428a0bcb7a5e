package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyward.infra.ChildProcess;
import io.keyward.pat.PatFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Kafka down for a while: commands keep working, and once the broker is back every event of the store is on the
 * topics (after dedupe on id), every revocation on the revocation topic, and the publish lag, visible meanwhile,
 * returns to zero. The broker is a process of the test's own, stopped and restarted on the same data.
 */
@Order(2)
class KafkaOutageIT {

    @Test
    void nothingIsLostWhileKafkaIsDown() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "outage-");
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String admin = PatFormat.generate(new SecureRandom());
        Api.remember(admin);
        PrintStream brokerLog = new PrintStream(Files.newOutputStream(target.resolve("outage-kafka.log")), true);

        ChildProcess broker = StoreProbes.startBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort, brokerLog);
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
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> StoreProbes.lag(commandMetrics, "kafka-publisher") > 0);

            // then: the broker returns, and everything reaches it
            broker = StoreProbes.startBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort, brokerLog);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> StoreProbes.lag(commandMetrics, "kafka-publisher") == 0);

            Set<String> eventIds = new HashSet<>();
            Set<String> revokedCredentials = new HashSet<>();
            for (StoreProbes.StoredEvent event : StoreProbes.events("jdbc:postgresql://127.0.0.1:"
                    + stack.ports.get("POSTGRES") + "/keyward")) {
                eventIds.add(event.eventId());
                if (event.type().equals("PersonalAccessTokenRevokedEvent")) {
                    revokedCredentials.add(event.credentialId());
                }
            }
            StoreProbes.Published published = StoreProbes.published(bootstrap, read ->
                    read.distinctAuditIds().containsAll(eventIds)
                            && read.distinctRevokedCredentials().containsAll(revokedCredentials)
                            && read.distinctAuditIds().size() > eventIds.size());
            assertThat(published.distinctAuditIds()).containsAll(eventIds);
            assertThat(published.distinctRevokedCredentials()).containsAll(revokedCredentials);
            assertThat(published.distinctAuditIds()).as("the refused request during the outage")
                    .anyMatch(id -> !eventIds.contains(id));
            System.out.printf("kafka outage: %d events and %d revocations published after the broker returned%n",
                    eventIds.size(), revokedCredentials.size());
            stack.stop();
        } finally {
            broker.stop(30);
        }
    }

}
