package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyward.pat.PatFormat;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every endpoint of the guide and of PRODUCT.md, and every code the guide lists, through the one base URL. */
class GuideApiIT {

    private static SharedStack shared;
    private static Api api;
    private static String admin;
    private static String tenant;

    @BeforeAll
    static void stack() {
        shared = SharedStack.get();
        api = shared.api;
        admin = shared.adminToken;
        tenant = "guide-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Api.Response created(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response;
    }

    @Nested
    class CreatingServiceAccounts {

        @Test
        void withPatAndRolesAnswers201WithThePatOnce() {
            Api.Response response = created(api.createServiceAccount(admin, tenant, unique("with-pat"),
                    "tenant-admin", Api.inDays(30)));
            JsonNode body = response.json();
            assertThat(body.get("machineUserId").asText()).matches("[1-9][0-9]+");
            assertThat(PatFormat.isWellFormed(body.get("pat").asText())).isTrue();
            assertThat(body.get("description").asText()).isEqualTo("Used by analytics streamer for gNMI export");
            assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        }

        @Test
        void withoutPatHasNoPatField() {
            JsonNode body = created(api.createServiceAccount(admin, tenant, unique("no-pat"), null, null)).json();
            assertThat(body.has("pat")).isFalse();
        }

        @Test
        void aTakenUsernameIs409AndAHumansUsernameIs422() {
            String username = unique("taken");
            created(api.createServiceAccount(admin, tenant, username, null, null));
            Api.Response again = api.createServiceAccount(admin, tenant, username.toUpperCase(), null, null);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asText()).isEqualTo("username-taken");

            String human = unique("human");
            created(api.registerUser(admin, tenant, human, null));
            Api.Response clash = api.createServiceAccount(admin, tenant, human, null, null);
            assertThat(clash.status()).isEqualTo(422);
            assertThat(clash.json().get("code").asText()).isEqualTo("username-of-human-user");
        }

        @Test
        void rolesAboveTheCallersOwnAre403() {
            Api.Principal manager = api.principal(admin, tenant, unique("mgr"), "tenant-admin");
            Api.Response response = api.createServiceAccount(manager.pat(), tenant, unique("escalate"),
                    "skylight-admin", null);
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.json().get("code").asText()).isEqualTo("roles-exceed-caller");
            assertThat(response.json().get("detail").asText()).contains("cannot exceed your own");
        }

        @Test
        void anExpirationInThePastOrBeyondTheMaximumIs422() {
            assertThat(api.createServiceAccount(admin, tenant, unique("past"), null, "2020-01-01T00:00:00Z")
                    .status()).isEqualTo(422);
            assertThat(api.createServiceAccount(admin, tenant, unique("far"), null, Api.inDays(400)).status())
                    .isEqualTo(422);
        }
    }

    @Nested
    class Pats {

        @Test
        void addListAndDeleteAsTheGuideShows() {
            Api.Principal account = api.principal(admin, tenant, unique("pats"), null);

            // add
            String expiration = Api.inDays(60);
            Api.Response added = created(api.addPat(admin, tenant, account.id(), expiration));
            JsonNode pat = added.json();
            assertThat(pat.get("machineUserId").asText()).isEqualTo(account.id());
            assertThat(pat.get("expirationDate").asText()).isEqualTo(expiration);
            String credentialId = pat.get("credentialId").asText();
            String token = pat.get("pat").asText();

            // list: metadata only, both PATs, newest first
            Api.Response listed = api.listPats(admin, tenant, account.id());
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.header("Content-Type")).startsWith("application/vnd.api+json");
            JsonNode data = listed.json().get("data");
            assertThat(data).hasSize(2);
            assertThat(data.get(0).get("id").asText()).isEqualTo(credentialId);
            assertThat(data.get(0).get("type").asText()).isEqualTo("pat");
            JsonNode attributes = data.get(0).get("attributes");
            assertThat(attributes.get("expirationDate").asText()).isEqualTo(expiration);
            assertThat(attributes.has("createdAt")).isTrue();
            assertThat(listed.json().get("meta").get("total").asLong()).isEqualTo(2);
            assertThat(listed.text()).doesNotContain(token).doesNotContain(account.pat()).doesNotContain("kwp_");

            // delete: revoked at once, gone from the listing, rejected everywhere
            Api.Response deleted = api.deletePat(admin, tenant, account.id(), credentialId);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(api.listPats(admin, tenant, account.id()).json().get("data")).hasSize(1);
            assertThat(api.get("/api/v2/auth/serviceaccount/" + account.id(), token, tenant).status())
                    .isEqualTo(401);
            assertThat(api.deletePat(admin, tenant, account.id(), credentialId).status()).isEqualTo(404);
        }

        @Test
        void aServiceAccountManagerManagesPatsButNotAccounts() {
            Api.Principal manager = api.principal(admin, tenant, unique("sam"), "service-account-manager");
            Api.Principal account = api.principal(admin, tenant, unique("managed"), null);

            Api.Response added = created(api.addPat(manager.pat(), tenant, account.id(), Api.inDays(5)));
            assertThat(api.listPats(manager.pat(), tenant, account.id()).status()).isEqualTo(200);
            assertThat(api.deletePat(manager.pat(), tenant, account.id(), added.json().get("credentialId").asText())
                    .status()).isEqualTo(200);
            assertThat(api.createServiceAccount(manager.pat(), tenant, unique("nope"), null, null).status())
                    .isEqualTo(403);
            assertThat(api.deleteServiceAccount(manager.pat(), tenant, account.id()).status()).isEqualTo(403);
        }

        @Test
        void lastUseIsShownInTheListing() {
            Api.Principal user = api.principal(admin, tenant, unique("used"), "service-account-manager");
            assertThat(api.getServiceAccount(user.pat(), tenant, user.id()).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode attributes = api.listPats(admin, tenant, user.id()).json().get("data").get(0)
                        .get("attributes");
                assertThat(attributes.has("lastUsedAt")).isTrue();
                assertThat(Instant.parse(attributes.get("lastUsedAt").asText()))
                        .isAfter(Instant.now().minusSeconds(60));
                assertThat(attributes.get("lastUsedAddress").asText()).isEqualTo("127.0.0.1");
            });
        }

        @Test
        void pagingCountsAndBoundsAreChecked() {
            Api.Principal account = api.principal(admin, tenant, unique("paged"), null);
            for (int i = 0; i < 4; i++) {
                created(api.addPat(admin, tenant, account.id(), Api.inDays(10)));
            }
            Api.Response second = api.postJsonApi("/api/v2/auth/serviceaccount/" + account.id()
                    + "/pat/search?page=2&pageSize=2", admin, tenant, null);
            assertThat(second.json().get("data")).hasSize(2);
            assertThat(second.json().get("meta").get("total").asLong()).isEqualTo(5);
            for (String bad : List.of("page=0", "pageSize=0", "pageSize=101", "page=x", "pageSize=-5",
                    "page=99999999999")) {
                Api.Response response = api.postJsonApi("/api/v2/auth/serviceaccount/" + account.id()
                        + "/pat/search?" + bad, admin, tenant, null);
                assertThat(response.status()).as(bad).isEqualTo(400);
                assertThat(response.json().get("detail").asText()).as(bad).contains("page");
            }
        }
    }

    @Nested
    class Rotation {

        @Test
        void rotatingReturnsANewPatOnceAndStopsTheOldOneAtOnce() {
            Api.Principal account = api.principal(admin, tenant, unique("rot"), "service-account-manager");
            Api.Response rotated = created(api.post("/api/v2/auth/serviceaccount/" + account.id() + "/pat/"
                    + account.credentialId() + "/rotate", admin, tenant,
                    "{\"expirationDate\": \"" + Api.inDays(20) + "\"}"));
            String fresh = rotated.json().get("pat").asText();
            assertThat(rotated.json().get("rotatedFrom").asText()).isEqualTo(account.credentialId());

            assertThat(api.getServiceAccount(account.pat(), tenant, account.id()).status()).isEqualTo(401);
            assertThat(api.getServiceAccount(fresh, tenant, account.id()).status()).isEqualTo(200);
            JsonNode listed = api.listPats(admin, tenant, account.id()).json().get("data");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("attributes").get("rotatedFrom").asText()).isEqualTo(account.credentialId());
        }

        @Test
        void theAccountRotatesItsOwnPatWithAGracePeriod() {
            Api.Principal account = api.principal(admin, tenant, unique("self"), null);
            Api.Response rotated = created(api.post("/api/v2/auth/serviceaccount/" + account.id() + "/pat/"
                    + account.credentialId() + "/rotate", account.pat(), tenant,
                    "{\"expirationDate\": \"" + Api.inDays(20) + "\", \"gracePeriod\": \"PT3S\"}"));
            String fresh = rotated.json().get("pat").asText();

            // both work during the grace period, then the old one stops
            assertThat(api.introspect(fresh, tenant, account.pat()).json().get("active").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    !api.introspect(fresh, tenant, account.pat()).json().get("active").asBoolean());
            assertThat(api.introspect(fresh, tenant, fresh).json().get("active").asBoolean()).isTrue();
            // and the revocation was recorded as an event (the listing drops it)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(api.listPats(admin, tenant, account.id()).json().get("data")).hasSize(1));
        }

        @Test
        void anotherAccountsPatCannotRotate() {
            Api.Principal account = api.principal(admin, tenant, unique("victim"), null);
            Api.Principal other = api.principal(admin, tenant, unique("other"), null);
            assertThat(api.post("/api/v2/auth/serviceaccount/" + account.id() + "/pat/" + account.credentialId()
                    + "/rotate", other.pat(), tenant, "{\"expirationDate\": \"" + Api.inDays(2) + "\"}").status())
                    .isEqualTo(403);
            assertThat(api.post("/api/v2/auth/serviceaccount/" + account.id() + "/pat/" + account.credentialId()
                    + "/rotate", admin, tenant, "{\"expirationDate\": \"" + Api.inDays(2)
                    + "\", \"gracePeriod\": \"P30D\"}").status()).isEqualTo(422);
        }
    }

    @Nested
    class Accounts {

        @Test
        void searchFindsByUsernameAndNameWithTheTotal() {
            String base = unique("searchable");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(created(api.createServiceAccount(admin, tenant, base + "-" + i, null, null)).json()
                        .get("machineUserId").asText());
            }
            Api.Response exact = api.search(admin, tenant, base + "-1");
            assertThat(exact.status()).isEqualTo(200);
            assertThat(exact.json().get("data")).hasSize(1);
            assertThat(exact.json().get("data").get(0).get("id").asText()).isEqualTo(ids.get(1));
            assertThat(exact.json().get("data").get(0).get("attributes").get("username").asText())
                    .isEqualTo(base + "-1");

            Api.Response prefix = api.postJsonApi("/api/v2/auth/serviceaccount/search?page=1&pageSize=2", admin,
                    tenant, "{\"data\":{\"attributes\":{\"username\":{\"value\":\"" + base.toUpperCase()
                            + "\",\"operator\":\"startsWith\"}}}}");
            assertThat(prefix.json().get("data")).hasSize(2);
            assertThat(prefix.json().get("meta").get("total").asLong()).isEqualTo(3);

            Api.Response byName = api.postJsonApi("/api/v2/auth/serviceaccount/search", admin, tenant,
                    "{\"data\":{\"attributes\":{\"name\":{\"value\":\"streamer exp\",\"operator\":\"contains\"}}}}");
            assertThat(byName.json().get("meta").get("total").asLong()).isGreaterThanOrEqualTo(3);

            // another tenant sees none of them
            assertThat(api.search(admin, unique("elsewhere"), base + "-1").json().get("data")).isEmpty();
            assertThat(api.postJsonApi("/api/v2/auth/serviceaccount/search", admin, tenant,
                    "{\"data\":{\"attributes\":{\"description\":{\"value\":\"x\"}}}}").status()).isEqualTo(400);
        }

        @Test
        void getUpdateAndDeleteAsTheGuideShows() {
            Api.Principal account = api.principal(admin, tenant, unique("lifecycle"), null);

            Api.Response updated = api.updateServiceAccount(admin, tenant, account.id(),
                    "{\"name\": \"Streamer Export (Production)\", \"description\": \"Updated description\"}");
            assertThat(updated.status()).as(updated.text()).isEqualTo(200);
            assertThat(updated.json().get("name").asText()).isEqualTo("Streamer Export (Production)");
            JsonNode got = api.getServiceAccount(admin, tenant, account.id()).json();
            assertThat(got.get("name").asText()).isEqualTo("Streamer Export (Production)");
            assertThat(got.get("description").asText()).isEqualTo("Updated description");

            Api.Response deleted = api.deleteServiceAccount(admin, tenant, account.id());
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(api.getServiceAccount(admin, tenant, account.id()).status()).isEqualTo(404);
            assertThat(api.get("/api/v2/auth/serviceaccount/" + account.id(), account.pat(), tenant).status())
                    .as("its PATs are revoked").isEqualTo(401);
            assertThat(api.deleteServiceAccount(admin, tenant, account.id()).status()).isEqualTo(404);
            assertThat(api.updateServiceAccount(admin, tenant, account.id(), "{\"name\":\"x\"}").status())
                    .isEqualTo(404);
        }

        @Test
        void readsAfterWritesNeverMissWhatWasJustWritten() {
            for (int i = 0; i < 15; i++) {
                String username = unique("ryw");
                String id = created(api.createServiceAccount(admin, tenant, username, null, Api.inDays(3))).json()
                        .get("machineUserId").asText();
                assertThat(api.getServiceAccount(admin, tenant, id).status()).isEqualTo(200);
                assertThat(api.search(admin, tenant, username).json().get("data")).hasSize(1);
                String credentialId = api.listPats(admin, tenant, id).json().get("data").get(0).get("id").asText();
                assertThat(api.deletePat(admin, tenant, id, credentialId).status()).isEqualTo(200);
                assertThat(api.listPats(admin, tenant, id).json().get("data")).isEmpty();
            }
        }

        @Test
        void bulkRevocationsOfAnAccountAndOfATenant() {
            String own = unique("bulk-tenant");
            Api.Principal tenantAdmin = api.principal(admin, own, unique("ta"), "tenant-admin");
            Api.Principal account = api.principal(admin, own, unique("bulk"), null);
            created(api.addPat(admin, own, account.id(), Api.inDays(4)));

            Api.Response all = api.delete("/api/v2/auth/serviceaccount/" + account.id() + "/pat", tenantAdmin.pat(),
                    own);
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json().get("count").asInt()).isEqualTo(2);
            assertThat(api.listPats(tenantAdmin.pat(), own, account.id()).json().get("data")).isEmpty();

            Api.Principal later = api.principal(admin, own, unique("later"), null);
            Api.Response tenantWide = api.post("/api/v2/auth/pat/revoke", tenantAdmin.pat(), own,
                    "{\"issuedBefore\": \"" + Instant.now().plusSeconds(5) + "\"}");
            assertThat(tenantWide.status()).isEqualTo(200);
            assertThat(tenantWide.json().get("count").asInt()).isEqualTo(2); // the admin's own and later's
            assertThat(api.getServiceAccount(later.pat(), own, later.id()).status()).isEqualTo(401);
            assertThat(api.getServiceAccount(tenantAdmin.pat(), own, later.id()).status()).isEqualTo(401);
            // other tenants are untouched
            assertThat(api.getServiceAccount(admin, tenant, api.principal(admin, tenant, unique("safe"), null).id())
                    .status()).isEqualTo(200);
        }
    }

    @Nested
    class HumanUsers {

        @Test
        void registerGetIssueAPatAndDelete() {
            String username = unique("alice");
            Api.Response registered = created(api.registerUser(admin, tenant, username, "tenant-admin"));
            String userId = registered.json().get("userId").asText();
            assertThat(registered.json().get("roles").get(0).asText()).isEqualTo("tenant-admin");

            JsonNode user = api.get("/api/v2/auth/user/" + userId, admin, tenant).json();
            assertThat(user.get("username").asText()).isEqualTo(username);
            assertThat(user.get("email").asText()).isEqualTo(username + "@example.com");

            Api.Response pat = created(api.addUserPat(admin, tenant, userId, Api.inDays(7)));
            String token = pat.json().get("pat").asText();
            assertThat(pat.json().get("userId").asText()).isEqualTo(userId);
            // the human tenant admin can now act in its tenant
            assertThat(created(api.createServiceAccount(token, tenant, unique("by-alice"), null, null)).status())
                    .isEqualTo(201);
            assertThat(api.registerUser(admin, tenant, username, null).status()).isEqualTo(409);

            assertThat(api.delete("/api/v2/auth/user/" + userId, admin, tenant).status()).isEqualTo(200);
            assertThat(api.get("/api/v2/auth/user/" + userId, admin, tenant).status()).isEqualTo(404);
            assertThat(api.createServiceAccount(token, tenant, unique("after"), null, null).status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class Introspection {

        @Test
        void describesAnActivePatAndSaysOnlyInactiveOtherwise() {
            Api.Principal caller = api.principal(admin, tenant, unique("rs"), null);
            Api.Principal subject = api.principal(admin, tenant, unique("subject"), "service-account-manager");

            JsonNode active = api.introspect(caller.pat(), tenant, subject.pat()).json();
            assertThat(active.get("active").asBoolean()).isTrue();
            assertThat(active.get("sub").asText()).isEqualTo(subject.id());
            assertThat(active.get("jti").asText()).isEqualTo(subject.credentialId());
            assertThat(active.get("tenant").asText()).isEqualTo(tenant);
            assertThat(active.get("roles").get(0).asText()).isEqualTo("service-account-manager");
            assertThat(active.get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
            assertThat(active.get("username").asText()).startsWith("subject-");

            api.deletePat(admin, tenant, subject.id(), subject.credentialId());
            for (String token : List.of(subject.pat(), "kwp_nonsense", PatFormat.generate(
                    new java.security.SecureRandom()))) {
                Api.Response inactive = api.introspect(caller.pat(), tenant, token);
                assertThat(inactive.status()).isEqualTo(200);
                assertThat(inactive.text()).isEqualTo("{\"active\":false}");
            }
            // another tenant's caller learns nothing about this tenant's tokens
            String other = unique("other-tenant");
            Api.Principal stranger = api.principal(admin, other, unique("stranger"), null);
            assertThat(api.introspect(stranger.pat(), other, caller.pat()).text()).isEqualTo("{\"active\":false}");
        }

        /**
         * The gateway answers introspection itself, from its own credential cache (ADR 7): the query-service never
         * sees these requests, and a revocation is not answered before the gateway's cache has dropped the PAT.
         */
        @Test
        void isAnsweredByTheGatewayFromItsCredentialCache() {
            Api.Principal caller = api.principal(admin, tenant, unique("edge"), null);
            Api.Principal subject = api.principal(admin, tenant, unique("edge-subject"), null);
            double queryServiceBefore = metric("QUERY", "http_server_requests_seconds_count",
                    "uri=\"/api/v2/auth/introspect\"");
            double gatewayHitsBefore = metric("GATEWAY", "keyward_credential_cache_hits_total", "");

            for (int i = 0; i < 20; i++) {
                assertThat(api.introspect(caller.pat(), tenant, subject.pat()).json().get("active").asBoolean())
                        .isTrue();
            }
            api.deletePat(admin, tenant, subject.id(), subject.credentialId());
            assertThat(api.introspect(caller.pat(), tenant, subject.pat()).text())
                    .as("inactive at the gateway as soon as the DELETE has returned").isEqualTo("{\"active\":false}");

            assertThat(metric("GATEWAY", "keyward_credential_cache_hits_total", ""))
                    .as("caller and subject verified from the gateway's cache").isGreaterThanOrEqualTo(
                            gatewayHitsBefore + 30);
            assertThat(metric("QUERY", "http_server_requests_seconds_count", "uri=\"/api/v2/auth/introspect\""))
                    .as("no introspection reached the query-service").isEqualTo(queryServiceBefore);
        }

        /** The sum of a Prometheus metric's samples whose labels contain {@code labels}, 0 when it has none. */
        private static double metric(String service, String name, String labels) {
            String text = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + shared.stack.ports.get(service) + "/actuator/prometheus"))).text();
            return text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                    .filter(line -> line.contains(labels))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        }
    }
}
