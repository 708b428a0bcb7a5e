package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.kafka.AuditTypes;
import io.keyward.kafka.Topics;
import io.keyward.pat.PatFormat;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PAT guessing against a stack with the shipped limits (20 failures, then 10 a minute, per source address): the
 * guesser, connecting from 127.0.0.2, gets 401 twenty times and 429 with Retry-After from then on, even for a valid
 * PAT; every one of its failures is on the audit topic as authentication.failed with its address; and a valid
 * caller connecting from 127.0.0.1 meanwhile is answered as fast as before the attack.
 */
@Order(4)
class BruteForceIT {

    private static final int GUESSES = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void guessingIsThrottledPerSourceAuditedAndOthersAreNotSlowed() throws Exception {
        Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
        Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "brute-force-");
        String admin = PatFormat.generate(new SecureRandom());
        Api.remember(admin);
        try (RunningStack stack = new RunningStack(dataDir, target.resolve("brute-force-stack.log"),
                Map.of("KEYWARD_AUTH_FAILURE_BURST", "20", "KEYWARD_AUTH_FAILURE_PER_MINUTE", "10"))) {
            stack.start(Map.of("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", admin));
            Api api = new Api(stack.gateway());
            String tenant = "brute-" + UUID.randomUUID().toString().substring(0, 8);
            Api.Principal caller = api.principal(admin, tenant, "honest-caller", "service-account-manager");
            String path = "/api/v2/auth/serviceaccount/" + caller.id();
            long[] before = latencies(api, caller, path, 200);

            // when: a guesser from another address tries PATs while the honest caller goes on
            InetAddress guesser = InetAddress.getByName("127.0.0.2");
            List<Integer> answers = new ArrayList<>();
            List<String> retryAfter = new ArrayList<>();
            AtomicInteger honestFailures = new AtomicInteger();
            long[][] during = new long[1][];
            Thread honest = new Thread(() -> {
                try {
                    during[0] = latencies(api, caller, path, 200);
                } catch (Throwable failed) {
                    honestFailures.incrementAndGet();
                    failed.printStackTrace();
                }
            }, "honest");
            honest.start();
            for (int i = 0; i < GUESSES; i++) {
                RawHttp.Answer answer = RawHttp.send(stack.gateway(), RawHttp.request("GET", path,
                        "Authorization: Bearer " + PatFormat.generate(new SecureRandom()) + "\r\n"
                                + "X-Forwarded-Tenant-Id: " + tenant + "\r\n", new byte[0]), guesser);
                answers.add(answer.status());
                if (answer.status() == 429) {
                    retryAfter.add(answer.text().lines().filter(line -> line.toLowerCase().startsWith("retry-after:"))
                            .findFirst().orElse(null));
                    assertThat(answer.text()).contains("application/problem+json")
                            .contains("too-many-failed-authentications");
                }
            }
            RawHttp.Answer validFromGuesser = RawHttp.send(stack.gateway(), RawHttp.request("GET", path,
                    "Authorization: Bearer " + caller.pat() + "\r\nX-Forwarded-Tenant-Id: " + tenant + "\r\n",
                    new byte[0]), guesser);
            honest.join(120_000);

            // then
            assertThat(answers.subList(0, 20)).as("the first 20 guesses").containsOnly(401);
            assertThat(answers.subList(20, GUESSES)).as("the guesses after the burst").containsOnly(429);
            assertThat(retryAfter).allSatisfy(header -> assertThat(header).matches("(?i)retry-after: \\d+"));
            assertThat(validFromGuesser.status()).as("a valid PAT from the throttled address").isEqualTo(429);
            assertThat(honestFailures.get()).as("the honest caller's failures").isZero();
            long p50Before = before[before.length / 2];
            long p50During = during[0][during[0].length / 2];
            System.out.printf("brute force: %d guesses from 127.0.0.2 (%d answered 401, %d answered 429); honest "
                            + "caller p50 %.2f ms before, %.2f ms during (p90 %.2f / %.2f ms)%n", GUESSES,
                    answers.stream().filter(s -> s == 401).count(), answers.stream().filter(s -> s == 429).count(),
                    p50Before / 1e6, p50During / 1e6, before[before.length * 9 / 10] / 1e6,
                    during[0][during[0].length * 9 / 10] / 1e6);
            assertThat(p50During).as("the honest caller's median latency during the attack (ns)")
                    .isLessThan(p50Before * 3 + 5_000_000);

            List<JsonNode> audited = auditedFailures("127.0.0.1:" + stack.ports.get("KAFKA"), "127.0.0.2",
                    GUESSES + 1);
            assertThat(audited).hasSize(GUESSES + 1);
            assertThat(audited.stream().filter(r -> r.path("data").path("status").asInt() == 429)).hasSize(
                    GUESSES - 20 + 1);
            stack.stop();
        }
    }

    /** Latencies in ns of {@code count} authenticated GETs, sorted; each must be answered 200. */
    private static long[] latencies(Api api, Api.Principal caller, String path, int count) {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            Api.Response response = api.get(path, caller.pat(), caller.tenant());
            latencies[i] = System.nanoTime() - started;
            assertThat(response.status()).as(response.text()).isEqualTo(200);
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** The authentication.failed records of the audit topic whose address is {@code address}, once there are enough. */
    private static List<JsonNode> auditedFailures(String bootstrap, String address, int expected) {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "brute-force-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode audit = JSON.readTree(record.value());
                    if (audit.path("type").asText().equals(AuditTypes.AUTHENTICATION_FAILED)
                            && address.equals(audit.path("data").path("address").asText())) {
                        found.add(audit);
                    }
                }
                return found.size() >= expected;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertion on the count tells what is missing
        }
        return found;
    }
}
