package io.keyward.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of Keyward's public API, as the guide's curl examples use it: one base URL, a bearer PAT and the tenant
 * header. Every PAT it ever sees in a response is remembered, for the secret-hygiene sweep at the end of the suite.
 */
final class Api {

    static final Set<String> PATS_SEEN = ConcurrentHashMap.newKeySet();
    private static final Pattern PAT = Pattern.compile("kwp_[0-9A-Za-z]{49}");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any answer takes, also while a store is down: a request that is not answered by then fails. */
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(90);

    final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static void remember(String pat) {
        PATS_SEEN.add(pat);
    }

    /** An RFC 3339 time {@code days} from now, to the second. */
    static String inDays(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    Response call(String method, String path, String token, String tenant, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Forwarded-Tenant-Id", tenant);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher pats = PAT.matcher(response.body());
            while (pats.find()) {
                PATS_SEEN.add(pats.group());
            }
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, String token, String tenant) {
        return call("GET", path, token, tenant, null, null);
    }

    Response post(String path, String token, String tenant, String json) {
        return call("POST", path, token, tenant, "application/json", json);
    }

    Response postJsonApi(String path, String token, String tenant, String json) {
        return call("POST", path, token, tenant, "application/vnd.api+json", json);
    }

    Response patch(String path, String token, String tenant, String json) {
        return call("PATCH", path, token, tenant, "application/json", json);
    }

    Response delete(String path, String token, String tenant) {
        return call("DELETE", path, token, tenant, null, null);
    }

    // The guide's calls, with bodies as the guide writes them.

    Response createServiceAccount(String token, String tenant, String username, String roles, String expiration) {
        String query = expiration == null ? "" : "?withPAT=true";
        if (roles != null) {
            query += (query.isEmpty() ? "?" : "&") + "roles=" + roles;
        }
        return post("/api/v2/auth/serviceaccount" + query, token, tenant, """
                {"username": "%s", "name": "Streamer Export", "accessTokenType": "Bearer",
                 "description": "Used by analytics streamer for gNMI export"%s}"""
                .formatted(username, expiration == null ? "" : ", \"expirationDate\": \"" + expiration + "\""));
    }

    Response addPat(String token, String tenant, String machineUserId, String expiration) {
        return post("/api/v2/auth/serviceaccount/" + machineUserId + "/pat", token, tenant,
                "{\"expirationDate\": \"" + expiration + "\"}");
    }

    Response listPats(String token, String tenant, String machineUserId) {
        return postJsonApi("/api/v2/auth/serviceaccount/" + machineUserId + "/pat/search?page=1&pageSize=25", token,
                tenant, null);
    }

    Response deletePat(String token, String tenant, String machineUserId, String credentialId) {
        return delete("/api/v2/auth/serviceaccount/" + machineUserId + "/pat/" + credentialId, token, tenant);
    }

    Response search(String token, String tenant, String username) {
        return postJsonApi("/api/v2/auth/serviceaccount/search?page=1&pageSize=25", token, tenant, """
                {"data": {"attributes": {"username": {"value": "%s"}}}}""".formatted(username));
    }

    Response getServiceAccount(String token, String tenant, String machineUserId) {
        return get("/api/v2/auth/serviceaccount/" + machineUserId, token, tenant);
    }

    Response updateServiceAccount(String token, String tenant, String machineUserId, String json) {
        return patch("/api/v2/auth/serviceaccount/" + machineUserId, token, tenant, json);
    }

    Response deleteServiceAccount(String token, String tenant, String machineUserId) {
        return delete("/api/v2/auth/serviceaccount/" + machineUserId, token, tenant);
    }

    Response registerUser(String token, String tenant, String username, String roles) {
        return post("/api/v2/auth/user" + (roles == null ? "" : "?roles=" + roles), token, tenant, """
                {"username": "%s", "name": "%s", "email": "%s@example.com"}""".formatted(username, username,
                username));
    }

    Response addUserPat(String token, String tenant, String userId, String expiration) {
        return post("/api/v2/auth/user/" + userId + "/pat", token, tenant,
                "{\"expirationDate\": \"" + expiration + "\"}");
    }

    Response introspect(String token, String tenant, String introspected) {
        return call("POST", "/api/v2/auth/introspect", token, tenant, "application/x-www-form-urlencoded",
                "token=" + java.net.URLEncoder.encode(introspected, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A tenant-admin service account with a PAT in {@code tenant}, created by the bootstrap admin. */
    Principal principal(String adminToken, String tenant, String username, String roles) {
        Response created = createServiceAccount(adminToken, tenant, username, roles, inDays(30));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create " + username + ": " + created.text());
        }
        return new Principal(tenant, created.json().get("machineUserId").asText(), created.json().get("pat")
                .asText(), created.json().get("credentialId").asText());
    }

    record Principal(String tenant, String id, String pat, String credentialId) {
    }

    record Response(HttpResponse<String> raw) {

        int status() {
            return raw.statusCode();
        }

        String text() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }
}
