package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input of every kind gets a 4xx with a problem body and a useful detail: never a 500, never a stack trace, and
 * it changes nothing.
 */
class BadInputIT {

    private static Api api;
    private static String admin;
    private static String tenant;
    private static Api.Principal account;

    @BeforeAll
    static void setUp() {
        SharedStack shared = SharedStack.get();
        api = shared.api;
        admin = shared.adminToken;
        tenant = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        account = api.principal(admin, tenant, "target", null);
    }

    private static void assertProblem(Api.Response response, int status, String detail) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(detail);
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
    }

    private static long accounts() {
        return api.postJsonApi("/api/v2/auth/serviceaccount/search?pageSize=1", admin, tenant, null).json()
                .get("meta").get("total").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON           | {\"username\": \"x\",                                   | Malformed JSON",
            "not an object            | [1, 2]                                                 | must be a JSON object",
            "wrong type               | {\"username\": 5, \"name\": \"X\", \"accessTokenType\": \"Bearer\"} | Field 'username'",
            "unknown field            | {\"username\":\"x\",\"name\":\"X\",\"accessTokenType\":\"Bearer\",\"tenantId\":\"t\"} | Field 'tenantId' is not allowed",
            "missing name             | {\"username\":\"x\",\"accessTokenType\":\"Bearer\"}     | Field 'name' is required",
            "bad username             | {\"username\":\"a b\",\"name\":\"X\",\"accessTokenType\":\"Bearer\"} | Field 'username'",
            "control characters       | {\"username\":\"ok\",\"name\":\"X\\u0007\",\"accessTokenType\":\"Bearer\"} | control characters",
            "wrong token type         | {\"username\":\"x\",\"name\":\"X\",\"accessTokenType\":\"Basic\"} | must be 'Bearer'",
            "deeply nested            | {\"username\":{\"a\":{\"b\":{\"c\":{\"d\":[[[[[[1]]]]]]}}}}} | Field 'username'",
            "duplicate field          | {\"username\":\"x\",\"username\":\"y\",\"name\":\"X\",\"accessTokenType\":\"Bearer\"} | Field 'username' is given more than once",
    })
    void badCreateBodiesAre400AndChangeNothing(String what, String body, String detail) {
        long before = accounts();

        assertProblem(api.post("/api/v2/auth/serviceaccount", admin, tenant, body.strip()), 400, detail.strip());

        assertThat(accounts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /api/v2/auth/serviceaccount/abc,                     machineUserId",
            "GET,    /api/v2/auth/serviceaccount/12345678901234567890123, machineUserId",
            "DELETE, /api/v2/auth/serviceaccount/1/pat/x1,                credentialId",
            "PATCH,  /api/v2/auth/serviceaccount/0,                       machineUserId",
            "POST,   /api/v2/auth/serviceaccount/search?page=-1,          page",
            "POST,   /api/v2/auth/serviceaccount/search?pageSize=1000,    pageSize",
            "POST,   /api/v2/auth/serviceaccount/search?page=one,         page",
    })
    void badPathsAndParametersAre400(String method, String path, String detail) {
        assertProblem(api.call(method, path, admin, tenant, "application/json",
                method.equals("PATCH") ? "{\"name\":\"x\"}" : null), 400, detail);
    }

    @ParameterizedTest
    @ValueSource(ints = {65 * 1024, 1024 * 1024})
    void oversizedBodiesAre413(int size) {
        Api.Response response = api.post("/api/v2/auth/serviceaccount", admin, tenant,
                "{\"username\":\"big\",\"name\":\"" + "x".repeat(size) + "\",\"accessTokenType\":\"Bearer\"}");
        assertProblem(response, 413, "at most");
    }

    @ParameterizedTest
    @CsvSource({"text/plain", "application/xml"})
    void unsupportedContentTypesAre415(String contentType) {
        assertProblem(api.call("POST", "/api/v2/auth/serviceaccount/" + account.id() + "/pat", admin, tenant,
                contentType, "expirationDate=2030"), 415, "not supported");
    }

    @ParameterizedTest
    @CsvSource({"PUT, /api/v2/auth/serviceaccount", "GET, /api/v2/auth/introspect"})
    void unsupportedMethodsAre405(String method, String path) {
        Api.Response response = api.call(method, path, admin, tenant, "application/json", "{}");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v2/auth/nothing-here", "/api/v2/other", "/nowhere"})
    void unknownPathsAre404(String path) {
        Api.Response response = api.get(path, admin, tenant);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten ant", "../etc", "tenant\u00e9", ""})
    void oddTenantHeadersNeverGetIn(String header) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl + "/api/v2/auth/serviceaccount/"
                        + account.id()))
                .header("Authorization", "Bearer " + admin);
        if (!header.isEmpty()) {
            request.header("X-Forwarded-Tenant-Id", header);
        }
        Api.Response response = api.send(request);
        assertThat(response.status()).isIn(400, 403);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @ParameterizedTest
    @CsvSource({"2026-13-45T00:00:00Z", "tomorrow", "2026-12-31T23:59:59", "1735689599"})
    void badExpirationDatesAre400(String date) {
        assertProblem(api.addPat(admin, tenant, account.id(), date), 400, "RFC 3339");
    }
}
