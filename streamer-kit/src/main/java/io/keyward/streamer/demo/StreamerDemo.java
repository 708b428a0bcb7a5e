package io.keyward.streamer.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyward.streamer.KeywardIntrospector;
import io.keyward.streamer.RevocationFeed;
import io.keyward.streamer.SessionGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runnable demo of a streaming server guarded by Keyward PATs: {@code GET /stream} with
 * {@code Authorization: Bearer <PAT>} opens a never-ending stream of telemetry lines, cut the moment the PAT is
 * revoked or expires. Configured by environment variables:
 * {@code KEYWARD_URL} (default http://127.0.0.1:8080), {@code KEYWARD_STREAMER_TOKEN} (the streamer's own PAT),
 * {@code KEYWARD_STREAMER_TENANT}, {@code KEYWARD_KAFKA_BOOTSTRAP} (default 127.0.0.1:9092),
 * {@code STREAMER_PORT} (default 9444).
 */
public final class StreamerDemo {

    private static final Logger log = LoggerFactory.getLogger(StreamerDemo.class);
    private static final String BEARER = "Bearer ";

    private final SessionGuard guard;
    private final RevocationFeed feed;

    private StreamerDemo(SessionGuard guard, RevocationFeed feed) {
        this.guard = guard;
        this.feed = feed;
    }

    public static void main(String[] args) throws Exception {
        String keyward = env("KEYWARD_URL", "http://127.0.0.1:8080");
        String token = required("KEYWARD_STREAMER_TOKEN");
        String tenant = required("KEYWARD_STREAMER_TENANT");
        int port = Integer.parseInt(env("STREAMER_PORT", "9444"));

        RevocationFeed feed = new RevocationFeed(env("KEYWARD_KAFKA_BOOTSTRAP", "127.0.0.1:9092")).start();
        SessionGuard guard = new SessionGuard(new KeywardIntrospector(keyward, token, tenant), feed,
                Clock.systemUTC());
        StreamerDemo demo = new StreamerDemo(guard, feed);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stream", demo::stream);
        server.createContext("/health", demo::health);
        server.start();
        log.info("Streamer demo on http://127.0.0.1:{}/stream (tenant {}), revocations from Kafka", port, tenant);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            guard.close();
            try {
                feed.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private void health(HttpExchange exchange) throws IOException {
        boolean ready = feed.isCaughtUp();
        byte[] body = ("{\"ready\":" + ready + ",\"sessions\":" + guard.sessionCount() + ",\"cuts\":"
                + guard.cutCount() + ",\"denyList\":" + feed.size() + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void stream(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith(BEARER)) {
            refuse(exchange, "send Authorization: Bearer <PAT>");
            return;
        }
        SessionGuard.Session session;
        try {
            session = guard.admit(authorization.substring(BEARER.length()).strip(), exchange::close);
        } catch (SessionGuard.Refused e) {
            refuse(exchange, e.getMessage());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (long tick = 0; session.isOpen(); tick++) {
                out.write(("tick " + tick + " " + Instant.now() + " for " + session.token().username() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(Duration.ofMillis(200).toMillis());
            }
        } catch (IOException e) {
            // the client left, or the session was cut and the connection closed under us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            exchange.close();
        }
    }

    private static void refuse(HttpExchange exchange, String reason) throws IOException {
        byte[] body = ("{\"error\":\"" + reason.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        exchange.sendResponseHeaders(401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("StreamerDemo: set " + name);
            System.exit(2);
        }
        return value;
    }
}
