package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Ops rebuild the read models, from the command line, after tens of thousands of events written through the API;
 * reads keep being answered meanwhile, and the rebuilt models equal the live ones document for document. Then the
 * command-side lookups are rebuilt too, and every PAT still authenticates as before.
 */
class RebuildIT {

    private static final int ACCOUNTS = 2_500;

    @Test
    void rebuildsFromTheCommandLineWhileReadsGoOn() throws Exception {
        SharedStack shared = SharedStack.get();
        Api api = shared.api;
        String admin = shared.adminToken;
        String tenant = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);

        // given: tens of thousands of events, written through the API by 8 clients
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Api.Principal>> created = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            int n = i;
            created.add(clients.submit(() -> {
                // 6 events, or 10 with the delete, in 4 or 5 requests
                Api.Principal account = api.principal(admin, tenant, "bulk-" + n, null);
                api.addPat(admin, tenant, account.id(), Api.inDays(3));
                String extra = api.addPat(admin, tenant, account.id(), Api.inDays(3)).json().get("credentialId")
                        .asText();
                api.post("/api/v2/auth/serviceaccount/" + account.id() + "/pat/" + extra + "/rotate", admin, tenant,
                        "{\"expirationDate\":\"" + Api.inDays(5) + "\"}");
                if (n % 2 == 1) {
                    api.deleteServiceAccount(admin, tenant, account.id());
                    return null;
                }
                if (n % 50 == 0) {
                    api.updateServiceAccount(admin, tenant, account.id(), "{\"description\":\"changed\"}");
                }
                return account;
            }));
        }
        List<Api.Principal> accounts = new ArrayList<>();
        for (Future<Api.Principal> account : created) {
            Api.Principal kept = account.get();
            if (kept != null) {
                accounts.add(kept);
            }
        }
        long events = count("SELECT count(*) FROM domainevententry", shared);
        System.out.printf("rebuild: %d events in the store%n", events);
        assertThat(events).isGreaterThan(20_000);

        // when: the read models are rebuilt from the command line, while clients keep reading
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int r = 0; r < 4; r++) {
            clients.submit(() -> {
                while (reading.get()) {
                    Api.Principal account = accounts.get(reads.incrementAndGet() % accounts.size());
                    Api.Response get = api.getServiceAccount(admin, tenant, account.id());
                    Api.Response listed = api.listPats(admin, tenant, account.id());
                    if (get.status() != 200 || listed.status() != 200) {
                        failures.add(get.status() + "/" + listed.status());
                    }
                }
                return null;
            });
        }
        String before = generationOf(api, admin);
        String output = keyward(shared, "rebuild-read-models");
        reading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);

        // then
        assertThat(output).contains("state=running").contains("state=completed");
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isGreaterThan(10);
        String after = generationOf(api, admin);
        assertThat(Integer.parseInt(after)).isEqualTo(Integer.parseInt(before) + 1);
        try (MongoClient mongo = MongoClients.create(shared.mongoUri())) {
            MongoDatabase database = mongo.getDatabase("keyward");
            for (String model : List.of("service_accounts_v1_g", "personal_access_tokens_v1_g", "human_users_v1_g")) {
                assertThat(all(database, model + after)).as(model).isEqualTo(all(database, model + before));
            }
        }

        // and the lookups rebuild from the command line too, leaving every PAT as it was
        assertThat(keyward(shared, "rebuild-lookups")).contains("state=completed");
        for (int i = 0; i < accounts.size(); i += 250) {
            Api.Principal account = accounts.get(i);
            assertThat(api.getServiceAccount(account.pat(), tenant, account.id()).status()).isEqualTo(403);
            assertThat(api.introspect(admin, tenant, account.pat()).json().get("active").asBoolean()).isTrue();
        }
    }

    /** The generation serving reads: the rebuilt one once a rebuild completed, the one it started from before. */
    private static String generationOf(Api api, String admin) {
        var status = api.get("/api/v2/auth/admin/read-models/rebuild", admin, "system").json();
        return status.get("state").asText().equals("completed") ? status.get("toGeneration").asText()
                : status.get("fromGeneration").asText();
    }

    private static List<Document> all(MongoDatabase database, String collection) {
        List<Document> documents = new ArrayList<>();
        database.getCollection(collection).find().sort(new Document("_id", 1)).into(documents);
        return documents;
    }

    private static long count(String sql, SharedStack shared) throws Exception {
        try (var connection = DriverManager.getConnection(shared.postgresUrl(), "postgres", null);
             var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Runs {@code ./keyward <command>} against the shared stack, as an operator would. */
    private static String keyward(SharedStack shared, String command) throws Exception {
        Path root = RunningStack.root();
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("keyward").toString(), command)
                .redirectErrorStream(true);
        builder.environment().put("KEYWARD_URL", shared.stack.gateway());
        builder.environment().put("KEYWARD_ADMIN_TOKEN", shared.adminToken);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
