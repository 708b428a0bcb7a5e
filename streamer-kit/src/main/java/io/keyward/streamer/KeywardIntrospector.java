package io.keyward.streamer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Keyward's RFC 7662 introspection endpoint, called with the streamer's own PAT in the streamer's tenant. Any
 * failure to get a clear answer counts as "inactive": a client is never admitted on doubt.
 */
public final class KeywardIntrospector implements Introspector {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI endpoint;
    private final String ownPat;
    private final String tenant;

    /**
     * @param baseUrl Keyward's base URL, e.g. {@code http://localhost:8080}
     * @param ownPat  the streamer's own PAT (any role)
     * @param tenant  the tenant the streamer serves
     */
    public KeywardIntrospector(String baseUrl, String ownPat, String tenant) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/v2/auth/introspect");
        this.ownPat = ownPat;
        this.tenant = tenant;
    }

    @Override
    public TokenInfo introspect(String pat) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + ownPat)
                    .header("X-Forwarded-Tenant-Id", tenant)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "token=" + URLEncoder.encode(pat, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return TokenInfo.inactive();
            }
            JsonNode answer = json.readTree(response.body());
            if (!answer.path("active").asBoolean(false)) {
                return TokenInfo.inactive();
            }
            Set<String> roles = new HashSet<>();
            answer.path("roles").forEach(role -> roles.add(role.asText()));
            return new TokenInfo(true, answer.path("jti").asText(), answer.path("sub").asText(),
                    answer.path("username").asText(), answer.path("tenant").asText(), Set.copyOf(roles),
                    Instant.ofEpochSecond(answer.path("exp").asLong()));
        } catch (IOException e) {
            return TokenInfo.inactive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TokenInfo.inactive();
        }
    }
}
