package io.keyward.bench.keyward;

import io.keyward.bench.Json;
import io.keyward.bench.load.HttpConnection;
import io.keyward.bench.load.HttpConnection.HttpResponse;
import io.keyward.bench.load.HttpRequest;
import io.keyward.bench.load.LoadResult;
import io.keyward.bench.load.LoadSpec;
import io.keyward.bench.load.Scenario;
import io.keyward.bench.load.UnexpectedResponse;
import io.keyward.streamer.KeywardIntrospector;
import io.keyward.streamer.RevocationFeed;
import io.keyward.streamer.SessionGuard;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Keyward's side of the benchmark: fixtures made through the public API (a tenant admin and a set of service
 * accounts with PATs, in one tenant), and the scenarios of the harness, each an operation as a client would do it.
 */
public final class KeywardBench {

    public static final String TENANT = "bench";
    private static final String API = "/api/v2/auth";
    private static final String JSON = "application/json";

    private final String host;
    private final int port;
    private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final String expiration = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)
            .toString();
    private final AtomicInteger rounds = new AtomicInteger();
    private String adminPat;
    private final List<Account> readers = new ArrayList<>();

    /** A service account of the fixture: its id and its PAT. */
    public record Account(String id, String username, String pat) {
    }

    public KeywardBench(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Creates the fixture with the bootstrap skylight-admin PAT: a tenant admin and {@code readerCount} readers. */
    public void prepare(String bootstrapToken, int readerCount) throws Exception {
        try (HttpConnection connection = connection()) {
            adminPat = create(connection, bootstrapToken, "bench-admin-" + runId, "tenant-admin").pat();
            for (int i = 0; i < readerCount; i++) {
                readers.add(create(connection, adminPat, String.format("reader-%03d-%s", i, runId),
                        "service-account-manager"));
            }
        }
    }

    private Account create(HttpConnection connection, String token, String username, String role) throws Exception {
        HttpRequest request = createRequest(token, username, role);
        HttpResponse response = UnexpectedResponse.expect(201, request, connection.send(request));
        return new Account(Json.field(response, "machineUserId"), username, Json.field(response, "pat"));
    }

    private HttpRequest createRequest(String token, String username, String role) {
        return HttpRequest.post(API + "/serviceaccount?withPAT=true&roles=" + role).bearer(token)
                .header("X-Forwarded-Tenant-Id", TENANT)
                .body(JSON, "{\"username\":" + Json.quote(username) + ",\"name\":\"Bench " + username
                        + "\",\"accessTokenType\":\"Bearer\",\"description\":\"benchmark fixture\","
                        + "\"expirationDate\":\"" + expiration + "\"}")
                .build(hostHeader());
    }

    public List<Account> readers() {
        return List.copyOf(readers);
    }

    /** (a) GET of an account, authenticated by the PAT of another account of the tenant. */
    public Scenario getAccount() {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            Account caller = readers.get(i % readers.size());
            Account target = readers.get((i * 7 + 3) % readers.size());
            requests.add(HttpRequest.get(API + "/serviceaccount/" + target.id()).bearer(caller.pat())
                    .header("X-Forwarded-Tenant-Id", TENANT).build(hostHeader()));
        }
        return cycling(requests, 200, "\"machineUserId\"");
    }

    /** (b) RFC 7662 introspection of one account's PAT by another account. */
    public Scenario introspect() {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            Account caller = readers.get(i % readers.size());
            Account token = readers.get((i * 13 + 5) % readers.size());
            requests.add(HttpRequest.post(API + "/introspect").bearer(caller.pat())
                    .header("X-Forwarded-Tenant-Id", TENANT)
                    .body("application/x-www-form-urlencoded",
                            "token=" + URLEncoder.encode(token.pat(), StandardCharsets.UTF_8))
                    .build(hostHeader()));
        }
        return cycling(requests, 200, "\"active\":true");
    }

    /** (c) Create a service account with a PAT (the guide's first call). */
    public Scenario createWithPat() {
        String prefix = "c-" + runId + "-" + rounds.incrementAndGet() + "-"; // names unique however often it runs
        AtomicLong next = new AtomicLong();
        return (connection, n) -> {
            HttpRequest request = createRequest(adminPat, prefix + next.getAndIncrement(), "service-account-manager");
            UnexpectedResponse.expect(201, request, connection.send(request));
        };
    }

    /** (d) Issue a PAT on an account, then revoke it: one operation, two durable commands. */
    public Scenario issueThenRevoke() {
        return (connection, n) -> {
            Account account = readers.get((int) (n % readers.size()));
            HttpRequest issue = HttpRequest.post(API + "/serviceaccount/" + account.id() + "/pat").bearer(adminPat)
                    .header("X-Forwarded-Tenant-Id", TENANT)
                    .body(JSON, "{\"expirationDate\":\"" + expiration + "\"}").build(hostHeader());
            String credentialId = Json.field(UnexpectedResponse.expect(201, issue, connection.send(issue)),
                    "credentialId");
            HttpRequest revoke = HttpRequest.delete(API + "/serviceaccount/" + account.id() + "/pat/"
                    + credentialId).bearer(adminPat).header("X-Forwarded-Tenant-Id", TENANT).build(hostHeader());
            UnexpectedResponse.expect(200, revoke, connection.send(revoke));
        };
    }

    /** (e) Search by username prefix, a page of up to 25 with the total. */
    public Scenario search() {
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            Account caller = readers.get(i % readers.size());
            requests.add(HttpRequest.post(API + "/serviceaccount/search?page=1&pageSize=25").bearer(caller.pat())
                    .header("X-Forwarded-Tenant-Id", TENANT)
                    .body("application/vnd.api+json", "{\"data\":{\"attributes\":{\"username\":{\"value\":\""
                            + String.format("reader-%02d", i % 20) + "\",\"operator\":\"startsWith\"}}}}")
                    .build(hostHeader()));
        }
        return cycling(requests, 200, "\"data\"");
    }

    /**
     * (f) Revocation propagation: {@code count} PATs each hold a session on the reference streamer (streamer-kit's
     * {@link SessionGuard}, fed by the revocation topic); each is then deleted through the API, one every
     * {@code pause}, and the delay from the DELETE's response to the session's cut is recorded.
     */
    public LoadResult revocationPropagation(String kafkaBootstrap, int count, Duration pause) throws Exception {
        Histogram delays = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        long missed = 0;
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        try (RevocationFeed feed = new RevocationFeed(kafkaBootstrap).start();
             HttpConnection connection = connection()) {
            if (!feed.awaitCaughtUp(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the revocation feed did not catch up");
            }
            SessionGuard guard = new SessionGuard(new KeywardIntrospector("http://" + hostHeader(),
                    readers.get(0).pat(), TENANT), feed, Clock.systemUTC());
            List<CompletableFuture<Long>> cuts = new ArrayList<>();
            List<String[]> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Account account = readers.get(i % readers.size());
                HttpRequest issue = HttpRequest.post(API + "/serviceaccount/" + account.id() + "/pat")
                        .bearer(adminPat).header("X-Forwarded-Tenant-Id", TENANT)
                        .body(JSON, "{\"expirationDate\":\"" + expiration + "\"}").build(hostHeader());
                HttpResponse issued = UnexpectedResponse.expect(201, issue, connection.send(issue));
                CompletableFuture<Long> cut = new CompletableFuture<>();
                cuts.add(cut);
                guard.admit(Json.field(issued, "pat"), () -> cut.complete(System.nanoTime()));
                sessions.add(new String[] {account.id(), Json.field(issued, "credentialId")});
            }
            for (int i = 0; i < count; i++) {
                Thread.sleep(pause.toMillis());
                String[] session = sessions.get(i);
                HttpRequest revoke = HttpRequest.delete(API + "/serviceaccount/" + session[0] + "/pat/"
                        + session[1]).bearer(adminPat).header("X-Forwarded-Tenant-Id", TENANT)
                        .build(hostHeader());
                UnexpectedResponse.expect(200, revoke, connection.send(revoke));
                long answered = System.nanoTime();
                try {
                    // A cut can arrive before the DELETE's answer has been read: that counts as no delay.
                    delays.recordValue(Math.max(0, cuts.get(i).get(10, TimeUnit.SECONDS) - answered));
                } catch (TimeoutException e) {
                    missed++;
                    if (problems.size() < 5) {
                        problems.add("session of credential " + session[1] + " not cut within 10 s");
                    }
                }
            }
            guard.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return LoadResult.of("Keyward", "(f) DELETE to streamer cut",
                new LoadSpec(1, Duration.ZERO, Duration.ofMillis((long) (seconds * 1000)), 1000.0 / pause.toMillis()),
                delays, missed, seconds, problems);
    }

    private Scenario cycling(List<HttpRequest> requests, int status, String mustContain) {
        return (connection, n) -> {
            HttpRequest request = requests.get((int) (n % requests.size()));
            HttpResponse response = UnexpectedResponse.expect(status, request, connection.send(request));
            if (!response.text().contains(mustContain)) {
                throw new UnexpectedResponse(request, response);
            }
        };
    }

    private HttpConnection connection() {
        return new HttpConnection(host, port);
    }

    private String hostHeader() {
        return host + ":" + port;
    }
}
