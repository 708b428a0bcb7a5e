package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.pat.PatFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What ops see: health groups, Prometheus metrics, and structured logs that follow one request. */
class ObservabilityIT {

    private final ObjectMapper json = new ObjectMapper();

    private static Api.Response get(String url) {
        return SharedStack.get().api.send(HttpRequest.newBuilder(URI.create(url)));
    }

    private static String service(String name) {
        return "http://127.0.0.1:" + SharedStack.get().stack.ports.get(name);
    }

    @Test
    void healthGroupsCoverTheStoresAndTheProcessors() {
        JsonNode query = get(service("QUERY") + "/actuator/health/readiness").json();
        assertThat(query.get("status").asText()).isEqualTo("UP");
        assertThat(query.get("components").fieldNames()).toIterable()
                .contains("db", "mongo", "readModels", "readinessState");
        JsonNode command = get(service("COMMAND") + "/actuator/health").json();
        assertThat(command.get("components").fieldNames()).toIterable()
                .contains("db", "kafka", "eventProcessors", "livenessState", "readinessState");
        assertThat(get(service("COMMAND") + "/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get(service("GATEWAY") + "/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(get(service("COMMAND") + "/actuator/env").status()).as("only what ops need is exposed")
                .isEqualTo(404);
    }

    @Test
    void prometheusShowsLatencyLagAndRefusalsByReason() {
        SharedStack shared = SharedStack.get();
        String unknown = PatFormat.generate(new SecureRandom());
        shared.api.getServiceAccount(unknown, "metrics", "1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String query = get(service("QUERY") + "/actuator/prometheus").text();
            assertThat(query).contains("keyward_auth_failures_total{reason=\"unknown_token\",status=\"401\"}")
                    .contains("keyward_processor_lag_events{processor=\"read-models\"}")
                    .contains("http_server_requests_seconds_bucket");
            assertThat(get(service("COMMAND") + "/actuator/prometheus").text())
                    .contains("keyward_processor_lag_seconds{processor=\"kafka-publisher\"}");
            assertThat(get(service("GATEWAY") + "/actuator/prometheus").text())
                    .contains("http_server_requests_seconds_bucket");
        });
    }

    @Test
    void oneRequestCanBeFollowedThroughTheStructuredLogs() {
        SharedStack shared = SharedStack.get();
        String requestId = "ops-" + UUID.randomUUID();
        Api.Response refused = shared.api.send(HttpRequest.newBuilder(URI.create(shared.stack.gateway()
                        + "/api/v2/auth/serviceaccount/1"))
                .header("Authorization", "Bearer " + PatFormat.generate(new SecureRandom()))
                .header("X-Forwarded-Tenant-Id", "observed")
                .header("X-Request-Id", requestId));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Request-Id")).isEqualTo(requestId);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String line = Files.readAllLines(shared.stack.log).stream().filter(l -> l.contains(requestId))
                    .findFirst().orElseThrow();
            JsonNode entry = json.readTree(line.substring(line.indexOf('{')));
            assertThat(entry.get("requestId").asText()).isEqualTo(requestId);
            assertThat(entry.get("service").get("name").asText()).isEqualTo("query-service");
            assertThat(entry.get("message").asText()).contains("unknown_token");
            assertThat(entry.get("log").get("level").asText()).isEqualTo("INFO");
        });
    }
}
