package io.keyward.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a tiny in-process HTTP server whose answers and stalls the test controls. */
class LoadRunTest {

    private HttpServer server;
    private final AtomicLong stallUntil = new AtomicLong();
    private final AtomicInteger served = new AtomicInteger();

    static {
        // The JDK server otherwise leaves Nagle's algorithm on: each answer then waits for a delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long stall = stallUntil.get() - System.nanoTime();
            if (stall > 0) {
                sleep(stall / 1_000_000);
            }
            served.incrementAndGet();
            boolean fail = exchange.getRequestURI().getPath().equals("/fail");
            byte[] body = (fail ? "no" : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 500 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aFixedRateRunSendsAtThatRateAndMeasuresEveryOperation() throws Exception {
        LoadResult result = run(LoadSpec.fixedRate(200, 4, Duration.ofMillis(200), Duration.ofSeconds(1)), "/ok");

        assertThat(result.errors()).isZero();
        assertThat(result.operations()).isBetween(195L, 205L);
        assertThat(result.throughput()).isCloseTo(200, within(20.0));
        assertThat(result.p50()).isLessThan(50);
    }

    @Test
    void aStallIsChargedToEveryOperationItDelayedNotOnlyToTheOneItHit() throws Exception {
        // 300 ms into the measured second the server stalls for 300 ms: at 200/s about 60 operations were due
        // meanwhile, so well over 5% of the samples must show the delay (coordinated omission would hide it).
        long measureFrom = System.nanoTime() + Duration.ofMillis(250).toNanos();
        Thread stallSetter = new Thread(() -> {
            sleepUntil(measureFrom + Duration.ofMillis(300).toNanos());
            stallUntil.set(System.nanoTime() + Duration.ofMillis(300).toNanos());
        });
        stallSetter.start();

        LoadResult result = run(LoadSpec.fixedRate(200, 2, Duration.ofMillis(200), Duration.ofSeconds(1)), "/ok");
        stallSetter.join();

        assertThat(result.errors()).isZero();
        assertThat(result.histogram().getValueAtPercentile(95) / 1e6).isGreaterThan(50);
        assertThat(result.max()).isGreaterThan(200);
    }

    @Test
    void aClosedRunKeepsEveryConnectionBusyAndStopsByItself() throws Exception {
        long started = System.nanoTime();
        LoadResult result = run(LoadSpec.closed(4, Duration.ofMillis(100), Duration.ofMillis(500)), "/ok");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.errors()).isZero();
        assertThat(result.operations()).isPositive();
        assertThat(served.get()).isGreaterThanOrEqualTo((int) result.operations());
    }

    @Test
    void wrongAnswersAreCountedAsErrorsNeverAsSamples() throws Exception {
        LoadResult result = run(LoadSpec.fixedRate(100, 2, Duration.ZERO, Duration.ofMillis(500)), "/fail");

        assertThat(result.operations()).isZero();
        assertThat(result.errors()).isBetween(45L, 55L);
        assertThat(result.sampleErrors()).isNotEmpty();
    }

    private LoadResult run(LoadSpec spec, String path) throws InterruptedException {
        int port = server.getAddress().getPort();
        HttpRequest request = HttpRequest.get(path).build("127.0.0.1:" + port);
        return new LoadRun("127.0.0.1", port).run("test", "scenario", spec,
                (connection, n) -> UnexpectedResponse.expect(200, request, connection.send(request)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) {
        sleep((nanoTime - System.nanoTime()) / 1_000_000);
    }
}
