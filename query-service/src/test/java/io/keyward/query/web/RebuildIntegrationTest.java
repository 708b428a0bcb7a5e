package io.keyward.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.Role;
import io.keyward.query.projection.ReadModelNames;
import io.keyward.query.support.QueryServiceTestBase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "keyward.read-models.drop-delay=2s")
class RebuildIntegrationTest extends QueryServiceTestBase {

    private static final String REBUILD = "/api/v2/auth/admin/read-models/rebuild";
    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    private MongoDatabase mongo;

    private HttpResponse<String> call(String method, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token).header("X-Forwarded-Tenant-Id", "tenant-r")
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> writeAccounts(int count, String prefix) {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < count; i++) {
            String id = newId();
            String first = newId();
            String second = newId();
            List<Object> events = new ArrayList<>(List.of(
                    new ServiceAccountCreatedEvent(UUID.randomUUID().toString(), "tenant-r", id, prefix + i,
                            "Account " + i, "d", "Bearer", List.of(Role.SERVICE_ACCOUNT_MANAGER), "1", now),
                    new PersonalAccessTokenIssuedEvent(UUID.randomUUID().toString(), "tenant-r", id, first, "aA",
                            "first", now.plusSeconds(86_400), null, "1", now),
                    new PersonalAccessTokenIssuedEvent(UUID.randomUUID().toString(), "tenant-r", id, second, "bB",
                            null, now.plusSeconds(86_400), null, "1", now)));
            if (i % 3 == 0) {
                events.add(new ServiceAccountUpdatedEvent(UUID.randomUUID().toString(), "tenant-r", id,
                        "Renamed " + i, "updated", "1", now));
            }
            if (i % 4 == 0) {
                events.add(new PersonalAccessTokenRevokedEvent(UUID.randomUUID().toString(), "tenant-r", id, first,
                        RevocationReason.DELETED, "1", now, now.plusSeconds(86_400)));
            }
            if (i % 10 == 0) {
                events.add(new ServiceAccountDeletedEvent(UUID.randomUUID().toString(), "tenant-r", id, prefix + i,
                        "1", now));
            }
            append(id, events.toArray());
            ids.add(id);
        }
        return ids;
    }

    private List<Document> all(String collection) {
        List<Document> documents = new ArrayList<>();
        mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(documents);
        return documents;
    }

    @Test
    void rebuildsIntoANewGenerationWhileReadsGoOnThenTakesOverWithIdenticalModels() throws Exception {
        // given: a store with history, served by the live generation
        String admin = userWithPat("tenant-r", "ops-" + UUID.randomUUID(), Role.SKYLIGHT_ADMIN);
        List<String> ids = writeAccounts(150, "before-");
        JsonNode idle = json.readTree(call("GET", REBUILD, admin).body());
        int from = idle.get("fromGeneration").asInt();

        // when: a rebuild runs, reads and writes go on
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<Integer> failures = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    String id = ids.get(1 + reads.get() % 8);
                    int code = call("GET", "/api/v2/auth/serviceaccount/" + id, admin).statusCode();
                    if (code != 200) {
                        failures.add(code);
                    }
                    reads.incrementAndGet();
                } catch (Exception e) {
                    failures.add(-1);
                }
            }
        });
        reader.start();
        HttpResponse<String> started = call("POST", REBUILD, admin);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(json.readTree(started.body()).get("toGeneration").asInt()).isEqualTo(from + 1);
        assertThat(call("POST", REBUILD, admin).statusCode()).as("one rebuild at a time").isEqualTo(409);
        List<String> during = writeAccounts(20, "during-");

        await().atMost(Duration.ofSeconds(60)).until(() ->
                json.readTree(call("GET", REBUILD, admin).body()).get("state").asText().equals("completed"));
        reading.set(false);
        reader.join();

        // then: reads never failed, the new generation serves, and equals the old one document for document
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isGreaterThan(0);
        JsonNode done = json.readTree(call("GET", REBUILD, admin).body());
        assertThat(done.get("eventsDone").asLong()).isGreaterThanOrEqualTo(done.get("eventsTotal").asLong());
        assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
        ReadModelNames old = new ReadModelNames(from);
        ReadModelNames rebuilt = new ReadModelNames(from + 1);
        for (var pair : List.of(List.of(old.serviceAccounts(), rebuilt.serviceAccounts()),
                List.of(old.personalAccessTokens(), rebuilt.personalAccessTokens()),
                List.of(old.humanUsers(), rebuilt.humanUsers()))) {
            assertThat(all(pair.get(1))).as(pair.get(1)).isEqualTo(all(pair.get(0)));
        }
        assertThat(call("GET", "/api/v2/auth/serviceaccount/" + during.get(1), admin).statusCode()).isEqualTo(200);
        // and writes after the switch reach the new generation
        String after = writeAccounts(2, "after-").get(1); // (the first of each batch is deleted again)
        assertThat(call("GET", "/api/v2/auth/serviceaccount/" + after, admin).statusCode()).isEqualTo(200);
        // the old generation is dropped shortly after
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Set<String> collections = new java.util.HashSet<>();
            mongo.listCollectionNames().into(collections);
            return !collections.contains(old.serviceAccounts());
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?", Integer.class,
                old.processorName())).isZero();
    }

    @Test
    void onlySkylightAdminsMayRebuild() throws Exception {
        String tenantAdmin = userWithPat("tenant-r", "ta-" + UUID.randomUUID(), Role.TENANT_ADMIN);
        assertThat(call("POST", REBUILD, tenantAdmin).statusCode()).isEqualTo(403);
        assertThat(call("GET", REBUILD, tenantAdmin).statusCode()).isEqualTo(403);
    }
}
