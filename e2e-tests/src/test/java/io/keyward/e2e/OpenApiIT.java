package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI document the entry point serves describes the whole API, and nothing that is not there: every
 * operation it lists is routed to a service that knows it.
 */
class OpenApiIT {

    static final Set<String> API = Set.of(
            "POST /api/v2/auth/serviceaccount",
            "POST /api/v2/auth/serviceaccount/search",
            "GET /api/v2/auth/serviceaccount/{machineUserId}",
            "PATCH /api/v2/auth/serviceaccount/{machineUserId}",
            "DELETE /api/v2/auth/serviceaccount/{machineUserId}",
            "POST /api/v2/auth/serviceaccount/{machineUserId}/pat",
            "DELETE /api/v2/auth/serviceaccount/{machineUserId}/pat",
            "POST /api/v2/auth/serviceaccount/{machineUserId}/pat/search",
            "DELETE /api/v2/auth/serviceaccount/{machineUserId}/pat/{credentialId}",
            "POST /api/v2/auth/serviceaccount/{machineUserId}/pat/{credentialId}/rotate",
            "POST /api/v2/auth/pat/revoke",
            "POST /api/v2/auth/user",
            "GET /api/v2/auth/user/{userId}",
            "DELETE /api/v2/auth/user/{userId}",
            "POST /api/v2/auth/user/{userId}/pat",
            "DELETE /api/v2/auth/user/{userId}/pat/{credentialId}",
            "POST /api/v2/auth/introspect");

    @Test
    @SuppressWarnings("unchecked")
    void describesEveryOperationAndEachIsServed() {
        SharedStack shared = SharedStack.get();
        Api.Response document = shared.api.send(HttpRequest.newBuilder(
                URI.create(shared.stack.gateway() + "/openapi.yaml")));
        assertThat(document.status()).isEqualTo(200);

        Map<String, Object> openapi = new Yaml().load(document.text());
        assertThat(openapi.get("openapi")).isEqualTo("3.1.0");
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openapi.get("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(key -> List.of("get", "post", "patch", "delete", "put").contains(key))
                .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        assertThat(operations).containsExactlyInAnyOrderElementsOf(API);

        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1)
                    .replace("{machineUserId}", "1").replace("{userId}", "1").replace("{credentialId}", "1");
            Api.Response response = shared.api.call(method, path, shared.adminToken, "openapi-check",
                    path.endsWith("introspect") ? "application/x-www-form-urlencoded" : "application/json",
                    path.endsWith("introspect") ? "token=x" : "{}");
            assertThat(response.status()).as(operation + ": " + response.text()).isNotIn(405, 500, 503);
            if (response.status() == 404) {
                assertThat(response.json().get("detail").asText()).as(operation).isNotEqualTo("No such endpoint.");
            }
        }
    }
}
