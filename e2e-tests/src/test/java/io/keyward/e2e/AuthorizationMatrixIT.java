package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.pat.PatFormat;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint against every kind of caller: anonymous, malformed token, bad checksum, unknown, revoked, expired,
 * each role, another tenant (with its own header, and with ours), skylight-admin, and a missing tenant header.
 * Each allowed call runs on objects of its own, so that no call depends on another's side effects.
 */
class AuthorizationMatrixIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static Api api;
    private static String admin;
    private static String tenant;
    private static final Map<String, Caller> CALLERS = new LinkedHashMap<>();

    /** A kind of caller: its token and the tenant header it sends. */
    record Caller(String token, String tenantHeader) {
    }

    /**
     * A call against fresh objects of {@code tenant}; {@code onObject} when it names an existing object (which a
     * caller of another tenant must not find), not when it acts on the caller's tenant as a whole.
     */
    record Endpoint(String name, Role needed, boolean onObject, Function<Caller, Api.Response> call) {
    }

    enum Role { ANY, MANAGER, TENANT_ADMIN }

    @BeforeAll
    static void callers() throws Exception {
        SharedStack shared = SharedStack.get();
        api = shared.api;
        admin = shared.adminToken;
        tenant = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "matrix-other-" + UUID.randomUUID().toString().substring(0, 8);

        String unknown = PatFormat.generate(RANDOM);
        char last = unknown.charAt(unknown.length() - 1);
        Api.Principal revoked = api.principal(admin, tenant, "revoked-" + suffix(), "tenant-admin");
        api.deletePat(admin, tenant, revoked.id(), revoked.credentialId());
        Api.Principal expiring = principalExpiringIn(2);

        CALLERS.put("anonymous", new Caller(null, tenant));
        CALLERS.put("malformed token", new Caller("abc.def", tenant));
        CALLERS.put("bad checksum", new Caller(unknown.substring(0, unknown.length() - 1)
                + (last == 'a' ? 'b' : 'a'), tenant));
        CALLERS.put("unknown token", new Caller(unknown, tenant));
        CALLERS.put("revoked token", new Caller(revoked.pat(), tenant));
        CALLERS.put("no role", new Caller(api.principal(admin, tenant, "none-" + suffix(), null).pat(), tenant));
        CALLERS.put("service-account-manager", new Caller(api.principal(admin, tenant, "sam-" + suffix(),
                "service-account-manager").pat(), tenant));
        CALLERS.put("tenant-admin", new Caller(api.principal(admin, tenant, "ta-" + suffix(), "tenant-admin").pat(),
                tenant));
        Api.Principal otherAdmin = api.principal(admin, other, "ota-" + suffix(), "tenant-admin");
        CALLERS.put("other tenant, our header", new Caller(otherAdmin.pat(), tenant));
        CALLERS.put("other tenant, own header", new Caller(otherAdmin.pat(), other));
        CALLERS.put("skylight-admin", new Caller(admin, tenant));
        CALLERS.put("missing tenant header", new Caller(api.principal(admin, tenant, "nohdr-" + suffix(),
                "tenant-admin").pat(), null));
        Thread.sleep(2500); // let the expiring PAT expire
        CALLERS.put("expired token", new Caller(expiring.pat(), tenant));
    }

    private static Api.Principal principalExpiringIn(int seconds) {
        Api.Response created = api.createServiceAccount(admin, tenant, "expiring-" + suffix(), "tenant-admin",
                java.time.Instant.now().plusSeconds(seconds).toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Api.Principal(tenant, created.json().get("machineUserId").asText(),
                created.json().get("pat").asText(), created.json().get("credentialId").asText());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static Api.Principal fresh() {
        return api.principal(admin, tenant, "obj-" + suffix(), null);
    }

    private static List<Endpoint> endpoints() {
        String expiration = Api.inDays(3);
        String expiry = "{\"expirationDate\":\"" + expiration + "\"}";
        String serviceAccounts = "/api/v2/auth/serviceaccount/";
        List<Endpoint> endpoints = new ArrayList<>();
        endpoints.add(new Endpoint("create service account", Role.TENANT_ADMIN, false,
                c -> api.createServiceAccount(c.token(), c.tenantHeader(), "new-" + suffix(), null, expiration)));
        endpoints.add(new Endpoint("add PAT", Role.MANAGER, true,
                c -> api.addPat(c.token(), c.tenantHeader(), fresh().id(), expiration)));
        endpoints.add(new Endpoint("list PATs", Role.MANAGER, true,
                c -> api.listPats(c.token(), c.tenantHeader(), fresh().id())));
        endpoints.add(new Endpoint("delete PAT", Role.MANAGER, true, c -> {
            Api.Principal object = fresh();
            return api.deletePat(c.token(), c.tenantHeader(), object.id(), object.credentialId());
        }));
        endpoints.add(new Endpoint("delete all PATs", Role.MANAGER, true,
                c -> api.delete(serviceAccounts + fresh().id() + "/pat", c.token(), c.tenantHeader())));
        endpoints.add(new Endpoint("rotate PAT", Role.MANAGER, true, c -> {
            Api.Principal object = fresh();
            return api.post(serviceAccounts + object.id() + "/pat/" + object.credentialId() + "/rotate",
                    c.token(), c.tenantHeader(), expiry);
        }));
        endpoints.add(new Endpoint("search", Role.MANAGER, false,
                c -> api.search(c.token(), c.tenantHeader(), "x")));
        endpoints.add(new Endpoint("get", Role.MANAGER, true,
                c -> api.getServiceAccount(c.token(), c.tenantHeader(), fresh().id())));
        endpoints.add(new Endpoint("update", Role.TENANT_ADMIN, true,
                c -> api.updateServiceAccount(c.token(), c.tenantHeader(), fresh().id(), "{\"name\":\"Renamed\"}")));
        endpoints.add(new Endpoint("delete account", Role.TENANT_ADMIN, true,
                c -> api.deleteServiceAccount(c.token(), c.tenantHeader(), fresh().id())));
        endpoints.add(new Endpoint("introspect", Role.ANY, false,
                c -> api.introspect(c.token(), c.tenantHeader(), admin)));
        endpoints.add(new Endpoint("register user", Role.TENANT_ADMIN, false,
                c -> api.registerUser(c.token(), c.tenantHeader(), "user-" + suffix(), null)));
        endpoints.add(new Endpoint("get user", Role.TENANT_ADMIN, true,
                c -> api.get("/api/v2/auth/user/" + newUser(), c.token(), c.tenantHeader())));
        endpoints.add(new Endpoint("add user PAT", Role.TENANT_ADMIN, true,
                c -> api.addUserPat(c.token(), c.tenantHeader(), newUser(), expiration)));
        endpoints.add(new Endpoint("delete user", Role.TENANT_ADMIN, true,
                c -> api.delete("/api/v2/auth/user/" + newUser(), c.token(), c.tenantHeader())));
        endpoints.add(new Endpoint("bulk revoke tenant", Role.TENANT_ADMIN, false,
                c -> api.post("/api/v2/auth/pat/revoke", c.token(), c.tenantHeader(),
                        "{\"issuedBefore\":\"2000-01-01T00:00:00Z\"}")));
        return endpoints;
    }

    private static String newUser() {
        Api.Response user = api.registerUser(admin, tenant, "u-" + suffix(), null);
        assertThat(user.status()).isEqualTo(201);
        return user.json().get("userId").asText();
    }

    private static final int ALLOWED = 0; // 200 or 201, as the endpoint answers success

    /** What each caller must get from an endpoint. */
    private static int expected(String caller, Endpoint endpoint) {
        return switch (caller) {
            case "anonymous", "malformed token", "bad checksum", "unknown token", "revoked token" -> 401;
            case "expired token", "missing tenant header", "other tenant, our header" -> 403;
            // a tenant admin in its own tenant, where our objects do not exist (never "forbidden": no leak)
            case "other tenant, own header" -> endpoint.onObject() ? 404 : ALLOWED;
            case "skylight-admin", "tenant-admin" -> ALLOWED;
            case "service-account-manager" -> endpoint.needed() == Role.TENANT_ADMIN ? 403 : ALLOWED;
            case "no role" -> endpoint.needed() == Role.ANY ? ALLOWED : 403;
            default -> throw new IllegalArgumentException(caller);
        };
    }

    @TestFactory
    List<DynamicTest> everyEndpointAgainstEveryCaller() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (Map.Entry<String, Caller> caller : CALLERS.entrySet()) {
                tests.add(DynamicTest.dynamicTest(endpoint.name() + " as " + caller.getKey(), () -> {
                    Api.Response response = endpoint.call().apply(caller.getValue());
                    int expected = expected(caller.getKey(), endpoint);
                    if (expected == ALLOWED) {
                        assertThat(response.status()).as(response.text()).isIn(200, 201);
                    } else {
                        assertThat(response.status()).as(response.text()).isEqualTo(expected);
                    }
                    if (response.status() >= 400) {
                        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
                        assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
                        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
                        String token = caller.getValue().token();
                        if (token != null) {
                            assertThat(response.text()).doesNotContain(token);
                        }
                    }
                }));
            }
        }
        return tests;
    }
}
