package io.keyward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RoutesTest {

    private static final Backend COMMANDS = new Backend("command");
    private static final Backend QUERIES = new Backend("query");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = io.keyward.pat.PatFormat.generate(new java.security.SecureRandom());

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("keyward.gateway.command-service", COMMANDS::uri);
        registry.add("keyward.gateway.query-service", QUERIES::uri);
        GatewayTestStores.register(registry);
    }

    @AfterAll
    static void stop() {
        COMMANDS.server.stop(0);
        QUERIES.server.stop(0);
    }

    @ParameterizedTest
    @CsvSource({
            "POST,   /api/v2/auth/serviceaccount?withPAT=true&roles=tenant-admin, command",
            "POST,   /api/v2/auth/serviceaccount/291606795498498048/pat,           command",
            "POST,   /api/v2/auth/serviceaccount/291606795498498048/pat/search?page=1&pageSize=25, query",
            "DELETE, /api/v2/auth/serviceaccount/291606795498498048/pat/291606795498498200, command",
            "POST,   /api/v2/auth/serviceaccount/search?page=1&pageSize=25,        query",
            "GET,    /api/v2/auth/serviceaccount/291606795498498048,               query",
            "PATCH,  /api/v2/auth/serviceaccount/291606795498498048,               command",
            "DELETE, /api/v2/auth/serviceaccount/291606795498498048,               command",
            "POST,   /api/v2/auth/introspect,                                      query",
            "POST,   /api/v2/auth/user,                                            command",
            "GET,    /api/v2/auth/user/42,                                         query",
            "POST,   /api/v2/auth/admin/read-models/rebuild,                       query",
            "POST,   /api/v2/auth/admin/lookups/rebuild,                           command",
            "GET,    /api/v2/auth/admin/lookups/rebuild,                           command",
            "GET,    /api/v2/auth/admin/kafka/republish,                           command",
            "GET,    /api/v2/auth/admin/read-models/rebuild,                       query",
    })
    void routesEachOfTheGuidesCallsToItsService(String method, String pathAndQuery, String service)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Forwarded-Tenant-Id", "tenant1")
                .header("X-Forwarded-For", "6.6.6.6")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(service + " " + method + " " + pathAndQuery);
        Backend backend = service.equals("command") ? COMMANDS : QUERIES;
        Seen seen = backend.seen.get(backend.seen.size() - 1);
        assertThat(seen.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(seen.tenant()).isEqualTo("tenant1");
        assertThat(seen.forwardedFor()).as("the client's own X-Forwarded-For is replaced").isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "none,                  Authorization header is missing",
            "Basic dXNlcjpwYXNz,    must have the form 'Bearer <PAT>'",
            "Bearer not-a-pat,      is not a Keyward PAT",
    })
    void refusesRequestsThatCannotCarryAPatWithoutForwardingThem(String authorization, String detail)
            throws Exception {
        int forwarded = COMMANDS.seen.size() + QUERIES.seen.size();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/api/v2/auth/serviceaccount/1"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        assertThat(response.body()).contains(detail).contains("\"code\":\"unauthenticated\"");
        assertThat(COMMANDS.seen.size() + QUERIES.seen.size()).isEqualTo(forwarded);
    }

    @Test
    void relaysBodiesStatusAndHeadersBothWaysUnchanged() throws Exception {
        // The echo backend sits behind the command route (any PUT under the API).
        String body = "{\"name\":\"Grüße ☃\",\"n\":[1,2,3]}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/v2/auth/echo"))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Request-Id", "req-42")
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.test+json");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v2/auth/serviceaccount/7");
        assertThat(response.headers().firstValue("X-Seen-Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(response.headers().firstValue("X-Seen-Request-Id")).hasValue("req-42");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/v2/auth/serviceaccount/%2e%2e/introspect",
            "/api/v2/auth/serviceaccount/1/../2",
            "/api/v2/auth/service%61ccount/1",
    })
    void refusesPathsThatOnlyMeanSomethingAfterDecodingWithoutForwardingThem(String path) throws Exception {
        int forwarded = COMMANDS.seen.size() + QUERIES.seen.size();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"invalid-request\"");
        assertThat(COMMANDS.seen.size() + QUERIES.seen.size()).isEqualTo(forwarded);
    }

    @Test
    void refusesABadChecksumWithoutForwardingIt() throws Exception {
        char last = TOKEN.charAt(TOKEN.length() - 1);
        String altered = TOKEN.substring(0, TOKEN.length() - 1) + (last == 'a' ? 'b' : 'a');
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v2/auth/serviceaccount/1"))
                .header("Authorization", "Bearer " + altered).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("checksum").doesNotContain(altered);
    }

    @Test
    void refusesOversizedBodies() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base() + "/api/v2/auth/serviceaccount"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(70_000) + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"payload-too-large\"");
    }

    @Test
    void answersUnknownPathsWithAProblem() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/nowhere")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"not-found\"");
    }

    @Test
    void answers503WhenAServiceIsDown() throws Exception {
        Backend down = new Backend("down");
        URI address = URI.create(down.uri());
        down.server.stop(0);
        HttpResponse<String> response;
        List<String> arguments = new ArrayList<>(GatewayTestStores.arguments());
        arguments.addAll(List.of("--server.port=0", "--keyward.gateway.query-service=" + address,
                "--keyward.gateway.command-service=" + address));
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(GatewayApplication.class)
                .run(arguments.toArray(String[]::new))) {
            int otherPort = ((org.springframework.boot.web.context.WebServerApplicationContext) context)
                    .getWebServer().getPort();
            response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + otherPort + "/api/v2/auth/serviceaccount/1"))
                            .header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"unavailable\"").contains("query-service");
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    record Seen(String authorization, String tenant, String forwardedFor) {
    }

    static final class Backend {
        final HttpServer server;
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        Backend(String name) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/api/v2/auth/echo", exchange -> {
                byte[] received = exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/vnd.test+json");
                exchange.getResponseHeaders().add("Location", "/api/v2/auth/serviceaccount/7");
                exchange.getResponseHeaders().add("X-Seen-Content-Type",
                        String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
                exchange.getResponseHeaders().add("X-Seen-Request-Id",
                        String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")));
                exchange.sendResponseHeaders(201, received.length);
                exchange.getResponseBody().write(received);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                seen.add(new Seen(exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-Forwarded-Tenant-Id"),
                        exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
                exchange.getRequestBody().readAllBytes();
                byte[] body = (name + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }
    }
}
