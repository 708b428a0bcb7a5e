package io.keyward.bench.keycloak;

import io.keyward.bench.Json;
import io.keyward.bench.load.HttpConnection;
import io.keyward.bench.load.HttpConnection.HttpResponse;
import io.keyward.bench.load.HttpRequest;
import io.keyward.bench.load.Scenario;
import io.keyward.bench.load.UnexpectedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keycloak's side: a realm with a confidential client whose service account gets tokens by client credentials, a
 * second client that introspects them, and the matching scenarios, through Keycloak's own endpoints.
 */
public final class KeycloakBench {

    public static final String REALM = "bench";
    private final AtomicInteger rounds = new AtomicInteger();
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TOKEN = "/realms/" + REALM + "/protocol/openid-connect/token";

    private final String host;
    private final int port;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final String clientSecret = "bench-client-secret-" + runId;
    private final String introspectorSecret = "bench-introspector-secret-" + runId;
    private final List<String> accessTokens = new ArrayList<>();
    private String adminToken;

    public KeycloakBench(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** The realm, its two clients, and {@code tokenCount} access tokens to introspect. */
    public void prepare(String adminPassword, int tokenCount) throws Exception {
        try (HttpConnection connection = new HttpConnection(host, port)) {
            adminToken = adminToken(connection, adminPassword);
            // The admin token outlives the runs (master's default is 60 s).
            send(connection, 204, HttpRequest.put("/admin/realms/master").bearer(adminToken)
                    .body("application/json", "{\"accessTokenLifespan\":7200}"));
            adminToken = adminToken(connection, adminPassword);
            send(connection, 201, HttpRequest.post("/admin/realms").bearer(adminToken).body("application/json",
                    "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"accessTokenLifespan\":3600}"));
            for (String[] client : List.of(new String[] {"bench-client", clientSecret},
                    new String[] {"bench-introspector", introspectorSecret})) {
                send(connection, 201, HttpRequest.post("/admin/realms/" + REALM + "/clients").bearer(adminToken)
                        .body("application/json", clientJson(client[0], client[1])));
            }
            HttpRequest issue = tokenRequest();
            for (int i = 0; i < tokenCount; i++) {
                accessTokens.add(Json.field(UnexpectedResponse.expect(200, issue, connection.send(issue)),
                        "access_token"));
            }
        }
    }

    private static String clientJson(String clientId, String secret) {
        return "{\"clientId\":" + Json.quote(clientId) + ",\"enabled\":true,\"publicClient\":false,"
                + "\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"directAccessGrantsEnabled\":false,"
                + "\"clientAuthenticatorType\":\"client-secret\""
                + (secret == null ? "" : ",\"secret\":" + Json.quote(secret)) + "}";
    }

    private String adminToken(HttpConnection connection, String password) throws Exception {
        HttpRequest request = HttpRequest.post("/realms/master/protocol/openid-connect/token").body(FORM,
                "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)).build(hostHeader());
        return Json.field(UnexpectedResponse.expect(200, request, connection.send(request)), "access_token");
    }

    private HttpResponse send(HttpConnection connection, int status, HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build(hostHeader());
        return UnexpectedResponse.expect(status, built, connection.send(built));
    }

    private HttpRequest tokenRequest() {
        return HttpRequest.post(TOKEN).body(FORM, "grant_type=client_credentials&client_id=bench-client"
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).build(hostHeader());
    }

    /** A client-credentials token for the service account (Keycloak's way for a machine to get a credential). */
    public Scenario issueToken() {
        HttpRequest request = tokenRequest();
        return (connection, n) -> {
            HttpResponse response = UnexpectedResponse.expect(200, request, connection.send(request));
            if (!response.text().contains("\"access_token\"")) {
                throw new UnexpectedResponse(request, response);
            }
        };
    }

    /** RFC 7662 introspection of an access token, by a confidential client. */
    public Scenario introspect() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("bench-introspector:" + introspectorSecret)
                .getBytes(StandardCharsets.UTF_8));
        List<HttpRequest> requests = new ArrayList<>();
        for (String token : accessTokens) {
            requests.add(HttpRequest.post(TOKEN + "/introspect").header("Authorization", basic)
                    .body(FORM, "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).build(hostHeader()));
        }
        return (connection, n) -> {
            HttpRequest request = requests.get((int) (n % requests.size()));
            HttpResponse response = UnexpectedResponse.expect(200, request, connection.send(request));
            if (!response.text().contains("\"active\":true")) {
                throw new UnexpectedResponse(request, response);
            }
        };
    }

    /** Create a confidential client with a service account through the admin REST API. */
    public Scenario createClientWithServiceAccount() {
        String prefix = "svc-" + runId + "-" + rounds.incrementAndGet() + "-"; // ids unique however often it runs
        AtomicLong next = new AtomicLong();
        return (connection, n) -> send(connection, 201, HttpRequest.post("/admin/realms/" + REALM + "/clients")
                .bearer(adminToken).body("application/json", clientJson(prefix + next.getAndIncrement(), null)));
    }

    private String hostHeader() {
        return host + ":" + port;
    }
}
