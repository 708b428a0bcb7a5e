package io.keyward.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.sun.net.httpserver.HttpServer;
import io.keyward.pat.PatFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Guessing PATs from one address: after the burst of failures that address is answered 429 before its token is
 * checked (even a valid one), each refusal is audited, and callers from other addresses go on unhindered. Sources
 * are told apart by the local address each connection is made from (127.0.0.x).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "keyward.gateway.auth-failures.burst=5", "keyward.gateway.auth-failures.per-minute=1"})
class BruteForceThrottleTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String VALID = PatFormat.generate(RANDOM);
    private static final AtomicInteger FORWARDED = new AtomicInteger();
    private static final HttpServer SERVICE = service();

    @LocalServerPort
    int port;
    @MockitoBean
    GatewayAudit audit;

    /** A service that knows one PAT: every other well-formed one is answered 401, as Keyward's services do. */
    private static HttpServer service() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                FORWARDED.incrementAndGet();
                boolean known = ("Bearer " + VALID).equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = (known ? "{\"machineUserId\":\"1\"}" : "{\"code\":\"unauthenticated\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(known ? 200 : 401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String uri = "http://127.0.0.1:" + SERVICE.getAddress().getPort();
        registry.add("keyward.gateway.command-service", () -> uri);
        registry.add("keyward.gateway.query-service", () -> uri);
        GatewayTestStores.register(registry);
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    @Test
    void guessesFromOneAddressAreCutOffWhileOthersGoOn() throws Exception {
        // given: five wrong guesses from 127.0.0.2, each checked by the service
        for (int i = 0; i < 5; i++) {
            assertThat(get("127.0.0.2", PatFormat.generate(RANDOM)).status()).isEqualTo(401);
        }
        int forwarded = FORWARDED.get();

        // when: it keeps guessing, and finally uses a valid PAT
        Answer guess = get("127.0.0.2", PatFormat.generate(RANDOM));
        Answer valid = get("127.0.0.2", VALID);

        // then: 429 with Retry-After and a problem body, without asking the service; both refusals audited
        assertThat(guess.status()).isEqualTo(429);
        assertThat(guess.head()).containsIgnoringCase("Retry-After: ");
        assertThat(guess.body()).contains("\"code\":\"too-many-failed-authentications\"")
                .doesNotContain(VALID);
        assertThat(valid.status()).as("a blocked source cannot confirm a guess").isEqualTo(429);
        assertThat(FORWARDED.get()).isEqualTo(forwarded);
        verify(audit, times(2)).refused(eq(429), eq("too_many_failed_authentications"), eq("127.0.0.2"),
                eq("GET"), eq("/api/v2/auth/serviceaccount/1"), any());

        // and: a caller elsewhere is served at once
        long started = System.nanoTime();
        assertThat(get("127.0.0.3", VALID).status()).isEqualTo(200);
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms for the other caller").isLessThan(1_000);
    }

    @Test
    void tokensTheGatewayRefusesItselfCountToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(get("127.0.0.4", "not-a-pat").status()).isEqualTo(401);
        }
        assertThat(get("127.0.0.4", "not-a-pat").status()).isEqualTo(429);
        verify(audit, atLeast(5)).refused(anyString(), eq("127.0.0.4"), anyString(), anyString(), any());
    }

    private record Answer(int status, String head, String body) {
    }

    /** One GET over a fresh connection made from {@code localAddress}. */
    private Answer get(String localAddress, String token) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v2/auth/serviceaccount/1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAuthorization: Bearer " + token + "\r\nX-Forwarded-Tenant-Id: tenant1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            return new Answer(Integer.parseInt(head.substring(9, 12)), head, response.substring(split + 4));
        }
    }
}
