package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.AuditTypes;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;

/**
 * The flow of the foundation, driven as a user and an operator would: the guide's create call through the one base
 * URL, then each hop checked in its own store over its own protocol: the event in PostgreSQL, the read model in
 * MongoDB, the answer of the get call, and the CloudEvent on the audit topic.
 */
final class GuideFlow {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Stores(String postgresUrl, String postgresUser, String postgresPassword, String mongoUri,
                  String kafkaBootstrap) {
    }

    record Created(String machineUserId, String pat, String tenant, JsonNode body) {
    }

    private GuideFlow() {
    }

    static HttpResponse<String> call(String method, String url, String token, String tenant, String contentType,
                                     String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Tenant-Id", tenant);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The guide's "Create a Service Account" call, with an expiration that is always in the future. */
    static Created createServiceAccount(String baseUrl, String token, String tenant, String username)
            throws Exception {
        String expiration = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> response = call("POST", baseUrl
                        + "/api/v2/auth/serviceaccount?withPAT=true&roles=tenant-admin", token, tenant,
                "application/json", """
                        {
                        "username": "%s",
                        "name": "Streamer Export",
                        "accessTokenType": "Bearer",
                        "description": "Used by analytics streamer for gNMI export",
                        "expirationDate": "%s"
                        }""".formatted(username, expiration));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("username").asText()).isEqualTo(username);
        Api.remember(body.get("pat").asText());
        return new Created(body.get("machineUserId").asText(), body.get("pat").asText(), tenant, body);
    }

    /** Runs the whole flow and checks every hop. */
    static Created run(String baseUrl, String adminToken, Stores stores) throws Exception {
        Api.remember(adminToken);
        String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
        Created created = createServiceAccount(baseUrl, adminToken, tenant, "streamer-export");
        String id = created.machineUserId();

        // hop 1: ServiceAccountCreated is in the PostgreSQL event store (Axon's JDBC engine)
        try (Connection connection = DriverManager.getConnection(stores.postgresUrl(), credentials(stores));
             PreparedStatement query = connection.prepareStatement(
                     "SELECT payloadtype, payloadrevision, convert_from(payload, 'UTF8') FROM domainevententry "
                             + "WHERE aggregateidentifier = ? ORDER BY sequencenumber")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("io.keyward.events.ServiceAccountCreatedEvent");
                assertThat(rows.getString(2)).isEqualTo("1");
                assertThat(rows.getString(3)).contains("\"tenantId\":\"" + tenant + "\"")
                        .doesNotContain(created.pat());
            }
        }

        // hop 2: projected into MongoDB
        try (MongoClient mongo = MongoClients.create(stores.mongoUri())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var database = mongo.getDatabase("keyward");
                Document state = database.getCollection("read_model_state").find(new Document("_id", "read-models"))
                        .first();
                assertThat(state).as("the active read-model generation").isNotNull();
                Document account = database.getCollection("service_accounts_v1_g" + state.getInteger("generation"))
                        .find(new Document("_id", id)).first();
                assertThat(account).isNotNull();
                assertThat(account.getString("tenantId")).isEqualTo(tenant);
                assertThat(account.getString("username")).isEqualTo("streamer-export");
            });
        }

        // hop 3: the guide's get call answers with the same fields
        HttpResponse<String> got = call("GET", baseUrl + "/api/v2/auth/serviceaccount/" + id, adminToken, tenant,
                null, null);
        assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
        JsonNode account = JSON.readTree(got.body());
        for (String field : List.of("machineUserId", "username", "name", "description")) {
            assertThat(account.get(field)).as(field).isEqualTo(created.body().get(field));
        }
        // and the PAT it came with authenticates as that account (a tenant-admin of the tenant)
        assertThat(call("GET", baseUrl + "/api/v2/auth/serviceaccount/" + id, created.pat(), tenant, null, null)
                .statusCode()).isEqualTo(200);

        // hop 4: a CloudEvents record on the audit topic
        AuditRecord record = awaitAuditRecord(stores.kafkaBootstrap(), id, AuditTypes.SERVICE_ACCOUNT_CREATED);
        assertThat(record.specversion()).isEqualTo("1.0");
        assertThat(record.tenant()).isEqualTo(tenant);
        assertThat(record.source()).isEqualTo("/keyward/tenants/" + tenant);
        assertThat(record.data()).containsEntry("username", "streamer-export");
        return created;
    }

    static AuditRecord awaitAuditRecord(String bootstrap, String subject, String type) {
        List<AuditRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.AUDIT));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> {
                    AuditRecord record = KafkaJson.read(r.value(), AuditRecord.class);
                    if (subject.equals(r.key()) && subject.equals(record.subject()) && type.equals(record.type())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found.get(0);
    }

    private static Properties credentials(Stores stores) {
        Properties properties = new Properties();
        properties.setProperty("user", stores.postgresUser());
        if (stores.postgresPassword() != null) {
            properties.setProperty("password", stores.postgresPassword());
        }
        return properties;
    }
}
