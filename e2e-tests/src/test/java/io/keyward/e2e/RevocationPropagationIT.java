package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Live sessions on the demo streamer (a process, fed by the revocation topic) are cut when their PATs are deleted
 * through the REST API. Measures, over 220 revocations, the delay from the DELETE response to the moment the client
 * sees its stream end, and writes the distribution to {@code target/revocation-propagation.txt}.
 */
class RevocationPropagationIT {

    private static final int SESSIONS = 220;

    @Test
    void everyLiveSessionIsCutWhenItsPatIsDeleted() throws Exception {
        SharedStack shared = SharedStack.get();
        Api api = shared.api;
        String tenant = "stream-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Principal streamer = api.principal(shared.adminToken, tenant, "analytics-streamer", null);
        int port = FreePorts.next();

        Process demo = startDemo(shared, streamer, tenant, port);
        ExecutorService readers = Executors.newCachedThreadPool();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(readers).build();
        try {
            awaitHealthy(http, port);

            // given: many clients, each streaming with a PAT of its own
            List<Session> sessions = new ArrayList<>();
            for (int account = 0; account < SESSIONS / 20; account++) {
                Api.Principal owner = api.principal(shared.adminToken, tenant, "gnmi-client-" + account, null);
                sessions.add(new Session(owner, owner.credentialId(), owner.pat()));
                for (int i = 1; i < 20; i++) {
                    Api.Response pat = api.addPat(shared.adminToken, tenant, owner.id(), Api.inDays(2));
                    sessions.add(new Session(owner, pat.json().get("credentialId").asText(),
                            pat.json().get("pat").asText()));
                }
            }
            for (Session session : sessions) {
                session.open(http, port, readers);
            }
            for (Session session : sessions) {
                assertThat(session.firstLine.await(30, TimeUnit.SECONDS)).as("session is live").isTrue();
            }

            // when: each PAT is deleted, one after another; then: its stream ends
            long[] delaysMicros = new long[sessions.size()];
            int endedBeforeResponse = 0;
            for (int i = 0; i < sessions.size(); i++) {
                Session session = sessions.get(i);
                Api.Response deleted = api.deletePat(shared.adminToken, tenant, session.owner.id(),
                        session.credentialId);
                long responded = System.nanoTime();
                assertThat(deleted.status()).isEqualTo(200);
                assertThat(session.ended.await(10, TimeUnit.SECONDS)).as("session %d cut", i).isTrue();
                long delay = session.endedAt - responded;
                if (delay < 0) {
                    endedBeforeResponse++;
                }
                delaysMicros[i] = Math.max(0, delay / 1_000);
            }

            Arrays.sort(delaysMicros);
            String report = String.format("revocations: %d%np50: %.1f ms%np90: %.1f ms%np99: %.1f ms%n"
                            + "max: %.1f ms%ncut before the DELETE response arrived: %d%n", delaysMicros.length,
                    percentile(delaysMicros, 50), percentile(delaysMicros, 90), percentile(delaysMicros, 99),
                    delaysMicros[delaysMicros.length - 1] / 1000.0, endedBeforeResponse);
            System.out.print("revocation propagation (DELETE response -> stream cut)\n" + report);
            Files.writeString(RunningStack.root().resolve("e2e-tests").resolve("target")
                    .resolve("revocation-propagation.txt"), report);
            for (Session session : sessions) {
                assertThat(session.lines).as("the stream was live before the cut").isGreaterThan(0);
            }
        } finally {
            demo.destroy();
            demo.waitFor(10, TimeUnit.SECONDS);
            readers.shutdownNow();
        }
    }

    private static Process startDemo(SharedStack shared, Api.Principal streamer, String tenant, int port)
            throws Exception {
        Path kit = RunningStack.root().resolve("streamer-kit").resolve("target");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", kit.resolve("streamer-kit.jar") + ":" + kit.resolve("lib") + "/*",
                "io.keyward.streamer.demo.StreamerDemo")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(RunningStack.root().resolve("e2e-tests")
                        .resolve("target").resolve("streamer-demo.log").toFile()));
        builder.environment().put("KEYWARD_URL", shared.stack.gateway());
        builder.environment().put("KEYWARD_STREAMER_TOKEN", streamer.pat());
        builder.environment().put("KEYWARD_STREAMER_TENANT", tenant);
        builder.environment().put("KEYWARD_KAFKA_BOOTSTRAP", shared.kafkaBootstrap());
        builder.environment().put("STREAMER_PORT", Integer.toString(port));
        return builder.start();
    }

    private static void awaitHealthy(HttpClient http, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the streamer demo did not become healthy");
    }

    private static double percentile(long[] sortedMicros, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
    }


    /** A client's stream, read on a thread of its own until it ends. */
    private static final class Session {
        final Api.Principal owner;
        final String credentialId;
        final String pat;
        final CountDownLatch firstLine = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile long endedAt;
        volatile int lines;

        Session(Api.Principal owner, String credentialId, String pat) {
            this.owner = owner;
            this.credentialId = credentialId;
            this.pat = pat;
            Api.remember(pat);
        }

        void open(HttpClient http, int port, ExecutorService readers) {
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stream"))
                            .header("Authorization", "Bearer " + pat).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).thenAccept(response -> readers.submit(() -> {
                        try (InputStream body = response.body();
                             BufferedReader reader = new BufferedReader(
                                     new InputStreamReader(body, StandardCharsets.UTF_8))) {
                            if (response.statusCode() == 200) {
                                while (reader.readLine() != null) {
                                    lines++;
                                    firstLine.countDown();
                                }
                            }
                        } catch (Exception e) {
                            // the connection was closed under the reader: that is the cut too
                        } finally {
                            endedAt = System.nanoTime();
                            ended.countDown();
                        }
                    }));
        }
    }
}
