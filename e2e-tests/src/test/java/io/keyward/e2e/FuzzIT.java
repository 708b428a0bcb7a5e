package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing (jqwik) of every endpoint, through the gateway, as an authenticated tenant admin: malformed
 * and deeply nested JSON, wrong types, unicode edge cases and huge strings in every body; odd ids and paging
 * parameters in every path; CR, LF, NUL, non-ASCII bytes and huge values in headers, written raw on the socket.
 * Every answer is below 500, every 4xx is a problem body without internals, and a rejected request leaves the
 * tenant's events in the event store as they were.
 */
class FuzzIT {

    private static final String ACCOUNTS = "/api/v2/auth/serviceaccount";
    private static final List<String> FIELDS = List.of("username", "name", "description", "accessTokenType",
            "expirationDate", "gracePeriod", "issuedBefore", "email", "data", "attributes", "token");
    private static final List<String> EDGE_STRINGS = List.of("", " ", "\u0000", "\u0007", "\r\n", "\t",
            "\ud800", "\udfff", "\ud83d\ude00", "\ufeff", "\u202e", "\u200d", "\uffff", "\u0301".repeat(500),
            "\u00e9", "ǅ", "İ", "\u2028", "../../etc/passwd", "%00", "' OR 1=1 --", "${jndi:ldap://x}", "<script>",
            "kwp_", "Bearer", "1e309", "-0", "null", "true", "9".repeat(40), "x".repeat(70_000));
    private static final Map<String, LongAdder> ANSWERS = new ConcurrentHashMap<>();
    private static final LongAdder SENT = new LongAdder();

    private static Api api;
    private static String admin;
    private static String tenant;
    private static String accountId;
    private static String credentialId;
    private static String userId;
    private static Connection events;
    /** The store's last event before the fuzzing: only events after it can belong to the fuzzed tenant's changes. */
    private static long firstIndex;

    @BeforeContainer
    static void setUp() throws Exception {
        SharedStack shared = SharedStack.get();
        api = shared.api;
        admin = shared.adminToken;
        tenant = "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.createServiceAccount(admin, tenant, "fuzz-target", null, Api.inDays(60));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        accountId = created.json().get("machineUserId").asText();
        credentialId = created.json().get("credentialId").asText();
        Api.Response user = api.registerUser(admin, tenant, "fuzz-human", null);
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        userId = user.json().get("userId").asText();
        events = DriverManager.getConnection(shared.postgresUrl(), "postgres", null);
        try (ResultSet last = events.createStatement().executeQuery(
                "SELECT coalesce(min(globalindex), 0) FROM domainevententry WHERE convert_from(payload, 'UTF8') "
                        + "LIKE '%\"tenantId\":\"" + tenant + "\"%'")) {
            last.next();
            firstIndex = last.getLong(1);
        }
        assertThat(tenantEvents()).as("the fuzzed tenant's account, PAT and user, as the store holds them")
                .isGreaterThanOrEqualTo(3);
    }

    @AfterContainer
    static void report() throws Exception {
        Map<String, Long> answers = new TreeMap<>();
        ANSWERS.forEach((status, count) -> answers.put(status, count.sum()));
        System.out.printf("fuzz: %d hostile requests, answers %s%n", SENT.sum(), answers);
        if (events != null) {
            events.close();
        }
    }

    // -- properties

    @Property(tries = 1000)
    void hostileBodiesAreRejectedCleanly(@ForAll("bodyEndpoints") String[] endpoint, @ForAll("bodies") String body,
                                         @ForAll("contentTypes") String contentType) throws Exception {
        String type = contentType.equals("the endpoint's") ? endpoint[2] : contentType.isEmpty() ? null : contentType;
        long before = tenantEvents();

        Api.Response response = send(endpoint[0], expand(endpoint[1]), type, body);

        assertCleanAnswer(response.status(), response.header("Content-Type"), response.text(), before);
    }

    @Property(tries = 1000)
    void oddIdsAndPagingAreRejectedCleanly(@ForAll("idTemplates") String[] template, @ForAll("oddIds") String id,
                                           @ForAll("oddNumbers") String page, @ForAll("oddNumbers") String size)
            throws Exception {
        String path = template[1].replace("{odd}", URLEncoder.encode(id, StandardCharsets.UTF_8))
                .replace("{page}", URLEncoder.encode(page, StandardCharsets.UTF_8))
                .replace("{size}", URLEncoder.encode(size, StandardCharsets.UTF_8));
        long before = tenantEvents();

        Api.Response response = send(template[0], expand(path), template[2],
                template[2] == null ? null : "{\"name\": \"n\"}");

        assertCleanAnswer(response.status(), response.header("Content-Type"), response.text(), before);
    }

    @Property(tries = 600)
    void hostileHeadersAreRejectedCleanly(@ForAll("rawHeaders") String headers, @ForAll boolean create)
            throws Exception {
        long before = tenantEvents();
        byte[] body = create ? "{\"username\": \"h\u00e9\", \"name\": 5}".getBytes(StandardCharsets.UTF_8)
                : new byte[0];

        RawHttp.Answer answer = RawHttp.send(api.baseUrl, RawHttp.request(create ? "POST" : "GET",
                create ? ACCOUNTS : ACCOUNTS + "/" + accountId, headers, body));

        SENT.increment();
        ANSWERS.computeIfAbsent(answer.status() == -1 ? "closed" : Integer.toString(answer.status()),
                status -> new LongAdder()).increment();
        assertThat(answer.status()).as(answer.text()).isNotEqualTo(-1).isLessThan(500);
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("\tat ");
        if (answer.status() >= 400) {
            assertThat(tenantEvents()).as("events after a rejected request").isEqualTo(before);
        }
    }

    // -- checks

    private static Api.Response send(String method, String path, String contentType, String body) {
        SENT.increment();
        Api.Response response = api.call(method, path, admin, tenant, contentType, body);
        ANSWERS.computeIfAbsent(Integer.toString(response.status()), status -> new LongAdder()).increment();
        return response;
    }

    private static void assertCleanAnswer(int status, String contentType, String text, long eventsBefore)
            throws Exception {
        assertThat(status).as(text.length() > 2000 ? text.substring(0, 2000) : text).isLessThan(500);
        if (status >= 400) {
            assertThat(contentType).as("a problem body for %d", status).isEqualTo("application/problem+json");
            assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.");
            assertThat(tenantEvents()).as("events after a rejected request").isEqualTo(eventsBefore);
        }
    }

    /**
     * Events of the fuzzed tenant in the event store, from its first one on (its PAT expires in 60 days: no warning
     * falls due meanwhile).
     */
    private static long tenantEvents() throws Exception {
        try (PreparedStatement count = events.prepareStatement("SELECT count(*) FROM domainevententry "
                + "WHERE globalindex >= ? AND convert_from(payload, 'UTF8') LIKE ?")) {
            count.setLong(1, firstIndex);
            count.setString(2, "%\"tenantId\":\"" + tenant + "\"%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String expand(String path) {
        return path.replace("{id}", accountId).replace("{cred}", credentialId).replace("{user}", userId);
    }

    // -- generators

    /** Endpoints that read a body: method, path, the content type they take. */
    @Provide
    Arbitrary<String[]> bodyEndpoints() {
        String json = "application/json";
        String jsonApi = "application/vnd.api+json";
        return Arbitraries.of(
                new String[] {"POST", ACCOUNTS, json},
                new String[] {"POST", ACCOUNTS + "?withPAT=true&roles=tenant-admin", json},
                new String[] {"POST", ACCOUNTS + "/{id}/pat", json},
                new String[] {"POST", ACCOUNTS + "/{id}/pat/search?page=1&pageSize=25", jsonApi},
                new String[] {"POST", ACCOUNTS + "/{id}/pat/{cred}/rotate", json},
                new String[] {"POST", ACCOUNTS + "/search?page=1&pageSize=25", jsonApi},
                new String[] {"PATCH", ACCOUNTS + "/{id}", json},
                new String[] {"POST", "/api/v2/auth/pat/revoke", json},
                new String[] {"POST", "/api/v2/auth/user", json},
                new String[] {"POST", "/api/v2/auth/user/{user}/pat", json},
                new String[] {"POST", "/api/v2/auth/introspect", "application/x-www-form-urlencoded"});
    }

    /** Paths with an odd id ({odd}) or odd paging ({page}, {size}): method, path, content type of a body. */
    @Provide
    Arbitrary<String[]> idTemplates() {
        return Arbitraries.of(
                new String[] {"GET", ACCOUNTS + "/{odd}", null},
                new String[] {"DELETE", ACCOUNTS + "/{odd}", null},
                new String[] {"PATCH", ACCOUNTS + "/{odd}", "application/json"},
                new String[] {"POST", ACCOUNTS + "/{odd}/pat", "application/json"},
                new String[] {"DELETE", ACCOUNTS + "/{id}/pat/{odd}", null},
                new String[] {"DELETE", ACCOUNTS + "/{odd}/pat/{cred}", null},
                new String[] {"DELETE", ACCOUNTS + "/{odd}/pat", null},
                new String[] {"POST", ACCOUNTS + "/{id}/pat/{odd}/rotate", "application/json"},
                new String[] {"GET", "/api/v2/auth/user/{odd}", null},
                new String[] {"DELETE", "/api/v2/auth/user/{user}/pat/{odd}", null},
                new String[] {"POST", ACCOUNTS + "/search?page={page}&pageSize={size}", "application/vnd.api+json"},
                new String[] {"POST", ACCOUNTS + "/{id}/pat/search?page={page}&pageSize={size}",
                        "application/vnd.api+json"},
                new String[] {"POST", ACCOUNTS + "/search?page={page}&page={size}&pageSize=", "application/json"});
    }

    @Provide
    Arbitrary<String> oddIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("0", "-1", "99999999999999999999999", "1e3", " 1", "0x10", "１２３", "..", ".",
                        "%2e%2e", "1;drop table x", "a/b", "\u0000", "1\r\nX-Injected: 1", "null", "[]", "{}"),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(5000));
    }

    @Provide
    Arbitrary<String> oddNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", "NaN", "1.5", "-0", "+1", "99999999999999999999", "0x1", "1e2", "١", " 2", "2 "),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("the endpoint's")),
                Tuple.of(1, Arbitraries.of("", "text/plain", "application/json; charset=utf-16", "application/xml",
                        "multipart/form-data; boundary=x", "application/json;;;", "*/*", "application/vnd.api+json")));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> edge = Arbitraries.oneOf(Arbitraries.of(EDGE_STRINGS),
                Arbitraries.strings().all().ofMaxLength(200));
        Arbitrary<String> value = Arbitraries.oneOf(
                edge.map(FuzzIT::jsonString),
                Arbitraries.of("null", "true", "false", "0", "-1", "1e308", "-1e400", "12345678901234567890123",
                        "0.0000001", "[]", "{}", "[null]", "{\"value\": 1}", "[\"a\", 1, {}]", "\"\\ud800\"",
                        "\"\\u0000\"", "\"2026-13-45T00:00:00Z\"", "\"P99999D\"", "\"-P1D\""));
        Arbitrary<String> wrongTypes = Combinators.combine(Arbitraries.of(FIELDS), value).as((field, v) ->
                "\"" + field + "\": " + v).list().ofMinSize(1).ofMaxSize(8)
                .map(members -> "{" + String.join(", ", members) + "}");
        Arbitrary<String> nested = Combinators.combine(Arbitraries.integers().between(1, 20_000),
                Arbitraries.of("[", "{\"data\": ", "{\"username\": "), Arbitraries.of(true, false))
                .as((depth, open, closed) -> open.repeat(depth) + "1"
                        + (closed ? (open.equals("[") ? "]" : "}").repeat(depth) : ""));
        Arbitrary<String> malformed = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\"a\"", "null", "tru",
                "1e999999", "-", "\\u12", "/*", "//", "\u0000", "\ufeff", "'", "NaN", "Infinity", "\\", "\n")
                .list().ofMinSize(1).ofMaxSize(40).map(tokens -> String.join("", tokens));
        Arbitrary<String> huge = Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.integers()
                .between(10_000, 1_500_000)).as((field, size) -> "{\"" + field + "\": \"" + "x".repeat(size) + "\"}");
        Arbitrary<String> duplicateKeys = Arbitraries.of(FIELDS).map(field ->
                "{\"" + field + "\": \"a\", \"" + field + "\": \"b\"}");
        return Arbitraries.frequencyOf(
                Tuple.of(5, wrongTypes), Tuple.of(2, nested), Tuple.of(3, malformed), Tuple.of(1, huge),
                Tuple.of(1, duplicateKeys), Tuple.of(1, edge));
    }

    /** Header lines as the raw bytes (one char per byte) a hostile client would write. */
    @Provide
    Arbitrary<String> rawHeaders() {
        Arbitrary<String> edge = Arbitraries.oneOf(Arbitraries.of(EDGE_STRINGS).map(FuzzIT::utf8Bytes),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(100),
                Arbitraries.integers().between(8_000, 200_000).map("y"::repeat));
        Arbitrary<String> authorization = Arbitraries.oneOf(
                Arbitraries.just("Authorization: Bearer " + admin + "\r\n"),
                edge.map(token -> "Authorization: Bearer " + token + "\r\n"),
                edge.map(token -> "Authorization: " + token + "\r\n"),
                Arbitraries.of("Authorization: bearer " + admin + "\r\n",
                        "Authorization: Bearer  " + admin + "\r\n",
                        "Authorization: Bearer " + admin + "\r\n\tcontinued\r\n",
                        "Authorization: Bearer " + admin.substring(0, 20) + "\r" + admin.substring(20) + "\r\n",
                        "Authorization: Bearer " + admin + "\r\nAuthorization: Bearer " + admin + "\r\n",
                        "Authorization: Basic YWRtaW46YWRtaW4=\r\n", ""));
        Arbitrary<String> tenantHeader = Arbitraries.oneOf(
                Arbitraries.just("X-Forwarded-Tenant-Id: " + tenant + "\r\n"),
                edge.map(value -> "X-Forwarded-Tenant-Id: " + value + "\r\n"),
                Arbitraries.of("X-Forwarded-Tenant-Id: " + tenant + "\nX-Forwarded-Tenant-Id: other\r\n",
                        "X-Forwarded-Tenant-Id: " + tenant + "\r\nX-Forwarded-Tenant-Id: other\r\n",
                        "X-Forwarded-Tenant-Id : " + tenant + "\r\n", ""));
        Arbitrary<String> extra = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMinLength(1)
                        .ofMaxLength(30), edge).as((name, value) -> name + ": " + value + "\r\n"),
                Arbitraries.of("Content-Type: application/json\r\n", "Transfer-Encoding: chunked\r\n",
                        "Content-Length: -1\r\n", "Expect: 100-continue\r\n", "X-Forwarded-For: \u00ff\r\n",
                        "Cookie: " + "a=b; ".repeat(2000) + "\r\n", ""));
        return Combinators.combine(authorization, tenantHeader, extra).as((a, t, e) -> a + t + e);
    }

    private static String jsonString(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static String utf8Bytes(String value) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
