package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent requests that compete for one username or one credential: exactly one wins, nothing is doubled. */
class RacesIT {

    private static final int CONTENDERS = 8;
    private static Api api;
    private static String admin;
    private static String tenant;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        SharedStack shared = SharedStack.get();
        api = shared.api;
        admin = shared.adminToken;
        tenant = "races-" + UUID.randomUUID().toString().substring(0, 8);
        pool = Executors.newFixedThreadPool(CONTENDERS);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    private static List<Integer> race(Callable<Api.Response> call) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            calls.add(() -> call.call().status());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> code : pool.invokeAll(calls)) {
            codes.add(code.get());
        }
        return codes;
    }

    @Test
    void concurrentCreatesOfOneUsernameGiveExactlyOneAccount() throws Exception {
        for (int round = 0; round < 5; round++) {
            String username = "race-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);

            List<Integer> codes = race(() -> api.createServiceAccount(admin, tenant, username, null, null));

            assertThat(codes).as("round %d", round).containsOnly(201, 409);
            assertThat(codes.stream().filter(c -> c == 201)).as("round %d", round).hasSize(1);
            assertThat(api.search(admin, tenant, username).json().get("meta").get("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    void concurrentCreatesAgainstAHumansUsernameAllFailWith422() throws Exception {
        String username = "human-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(api.registerUser(admin, tenant, username, null).status()).isEqualTo(201);

        assertThat(race(() -> api.createServiceAccount(admin, tenant, username, null, null))).containsOnly(422);
    }

    @Test
    void concurrentRevocationsOfOnePatRevokeItOnce() throws Exception {
        Api.Principal account = api.principal(admin, tenant, "revoke-one-" + UUID.randomUUID(), null);

        List<Integer> codes = race(() -> api.deletePat(admin, tenant, account.id(), account.credentialId()));

        assertThat(codes).containsOnly(200, 404);
        assertThat(codes.stream().filter(c -> c == 200)).hasSize(1);
        assertThat(api.getServiceAccount(account.pat(), tenant, account.id()).status()).isEqualTo(401);
    }

    @Test
    void concurrentRevocationsOfDifferentPatsOfOneAccountAllSucceed() throws Exception {
        Api.Principal account = api.principal(admin, tenant, "revoke-many-" + UUID.randomUUID(), null);
        List<String> credentials = new ArrayList<>(List.of(account.credentialId()));
        for (int i = 1; i < CONTENDERS; i++) {
            credentials.add(api.addPat(admin, tenant, account.id(), Api.inDays(3)).json().get("credentialId")
                    .asText());
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String credential : credentials) {
            calls.add(() -> api.deletePat(admin, tenant, account.id(), credential).status());
        }
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> code : pool.invokeAll(calls)) {
            codes.add(code.get());
        }

        assertThat(codes).containsOnly(200);
        assertThat(api.listPats(admin, tenant, account.id()).json().get("meta").get("total").asLong()).isZero();
    }

    @Test
    void aThousandConcurrentIssueAndRevokeCommandsOnOneAccountLoseAndDoubleNothing() throws Exception {
        Api.Principal account = api.principal(admin, tenant, "busy-" + UUID.randomUUID(), null);
        int pairs = 500;
        ExecutorService clients = Executors.newFixedThreadPool(32);
        List<Callable<String[]>> calls = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            calls.add(() -> {
                Api.Response issued = api.addPat(admin, tenant, account.id(), Api.inDays(3));
                if (issued.status() != 201) {
                    return new String[] {"issue " + issued};
                }
                String credential = issued.json().get("credentialId").asText();
                Api.Response revoked = api.deletePat(admin, tenant, account.id(), credential);
                return revoked.status() == 200 ? new String[] {null, credential, issued.json().get("pat").asText()}
                        : new String[] {"revoke " + revoked};
            });
        }
        List<String[]> outcomes = new ArrayList<>();
        try {
            for (Future<String[]> outcome : clients.invokeAll(calls)) {
                outcomes.add(outcome.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(outcomes.stream().map(outcome -> outcome[0]).filter(java.util.Objects::nonNull))
                .as("failed commands").isEmpty();
        List<String> credentials = outcomes.stream().map(outcome -> outcome[1]).toList();
        List<String> types = new ArrayList<>();
        List<String> issuedInStore = new ArrayList<>();
        List<String> revokedInStore = new ArrayList<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(SharedStack.get().postgresUrl(),
                "postgres", null);
             java.sql.PreparedStatement events = connection.prepareStatement("SELECT sequencenumber, payloadtype, "
                     + "convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                     + "ORDER BY sequencenumber")) {
            events.setString(1, account.id());
            try (java.sql.ResultSet rows = events.executeQuery()) {
                long expectedSequence = 0;
                while (rows.next()) {
                    assertThat(rows.getLong(1)).as("no gap in the account's events").isEqualTo(expectedSequence++);
                    String type = rows.getString(2).substring(rows.getString(2).lastIndexOf('.') + 1);
                    types.add(type);
                    String credential = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rows.getString(3))
                            .path("credentialId").asText();
                    if (type.equals("PersonalAccessTokenIssuedEvent")) {
                        issuedInStore.add(credential);
                    } else if (type.equals("PersonalAccessTokenRevokedEvent")) {
                        revokedInStore.add(credential);
                    }
                }
            }
        }
        assertThat(types).hasSize(1 + 1 + 2 * pairs);
        assertThat(issuedInStore).doesNotHaveDuplicates().hasSize(pairs + 1).containsAll(credentials)
                .contains(account.credentialId());
        assertThat(revokedInStore).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(credentials);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response listed = api.listPats(admin, tenant, account.id());
            assertThat(listed.json().get("meta").get("total").asLong()).isEqualTo(1);
            assertThat(listed.json().get("data").get(0).get("id").asText()).isEqualTo(account.credentialId());
        });
        for (String[] outcome : outcomes.subList(0, 50)) {
            assertThat(api.getServiceAccount(outcome[2], tenant, account.id()).status()).isEqualTo(401);
        }
        assertThat(api.introspect(admin, tenant, account.pat()).json().get("active").asBoolean())
                .as("the account's first PAT, never revoked").isTrue();
    }

    @Test
    void deletingAnAccountWhilePatsAreIssuedLeavesNoLivePat() throws Exception {
        Api.Principal account = api.principal(admin, tenant, "doomed-" + UUID.randomUUID(), null);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < CONTENDERS - 1; i++) {
            calls.add(() -> api.addPat(admin, tenant, account.id(), Api.inDays(3)));
        }
        calls.add(() -> api.deleteServiceAccount(admin, tenant, account.id()));
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> response : pool.invokeAll(calls)) {
            responses.add(response.get());
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(200, 201, 404));
        for (Api.Response response : responses) {
            if (response.status() == 201) {
                assertThat(api.getServiceAccount(response.json().get("pat").asText(), tenant, account.id())
                        .status()).as("a PAT issued before the delete was revoked by it").isEqualTo(401);
            }
        }
        assertThat(api.getServiceAccount(admin, tenant, account.id()).status()).isEqualTo(404);
    }
}
