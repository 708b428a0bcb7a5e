package io.keyward.bench.jmh;

import com.zaxxer.hikari.HikariDataSource;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import io.keyward.service.security.AuthenticationFailure;
import io.keyward.service.security.CredentialCache;
import io.keyward.service.security.CredentialChangeListener;
import io.keyward.service.security.CredentialIndex;
import io.keyward.service.security.FenceAcknowledgements;
import io.keyward.service.security.PatAuthenticator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PAT verify path as every authenticated request runs it: format and checksum, the keyed hash (HMAC-SHA256
 * with the pepper), and the credential lookup, against Keyward's real schema in a real PostgreSQL. The lookup is
 * the credential cache as the services run it (kept true by change notifications, ADR 6), and for comparison the
 * credential index in PostgreSQL itself. A token with a bad checksum is rejected through an authenticator whose
 * store fails the benchmark if it is ever asked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PatVerifyBenchmark {

    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private CredentialChangeListener listener;
    private PatHasher hasher;
    private PatAuthenticator cached;
    private PatAuthenticator database;
    private PatAuthenticator storeMustNotBeAsked;
    private String valid;
    private String badChecksum;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(2);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        SecureRandom random = new SecureRandom();
        hasher = new PatHasher(random.generateSeed(32));
        valid = PatFormat.generate(random);
        char last = valid.charAt(valid.length() - 1);
        badChecksum = valid.substring(0, valid.length() - 1) + (last == 'a' ? 'b' : 'a');
        jdbc.update("INSERT INTO kw_principal (user_id, tenant_id, username, username_key, kind, roles, created_at) "
                + "VALUES (1, 'bench', 'bench-reader', 'bench-reader', 'machine', 'service-account-manager', now())");
        jdbc.update("INSERT INTO kw_credential (token_hash, credential_id, user_id, tenant_id, expires_at, issued_at) "
                        + "VALUES (?, 2, 1, 'bench', ?, now())", hasher.hash(valid),
                Timestamp.from(Instant.now().plus(30, ChronoUnit.DAYS)));

        CredentialIndex index = new CredentialIndex(jdbc);
        CredentialCache cache = new CredentialCache(index, 100_000, Duration.ofMinutes(5));
        listener = new CredentialChangeListener(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", cache,
                new FenceAcknowledgements(), "jmh", Duration.ofSeconds(3));
        listener.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!listener.isRegistered() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (!listener.isRegistered()) {
            throw new IllegalStateException("the credential cache did not register");
        }
        Clock clock = Clock.systemUTC();
        cached = new PatAuthenticator(hasher, cache, clock);
        database = new PatAuthenticator(hasher, index, clock);
        storeMustNotBeAsked = new PatAuthenticator(hasher, hash -> {
            throw new AssertionError("a token with a bad checksum reached the credential store");
        }, clock);
        require(cached.verify(valid).failure() == null, "the valid PAT must verify");
        require(database.verify(valid).failure() == null, "the valid PAT must verify against the database");
        require(storeMustNotBeAsked.verify(badChecksum).failure() == AuthenticationFailure.BAD_CHECKSUM,
                "the bad checksum must be recognised");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        listener.stop();
        dataSource.close();
        postgres.close();
    }

    /** Parse, checksum, keyed hash and the cached lookup: the path of an authenticated request. */
    @Benchmark
    public PatAuthenticator.Verification verifyValidPat() {
        return cached.verify(valid);
    }

    /** The same with the lookup in PostgreSQL (a cache miss, or the cache disabled). */
    @Benchmark
    public PatAuthenticator.Verification verifyValidPatInDatabase() {
        return database.verify(valid);
    }

    /** A token whose checksum is wrong: rejected in memory, no store touched. */
    @Benchmark
    public PatAuthenticator.Verification rejectBadChecksum() {
        return storeMustNotBeAsked.verify(badChecksum);
    }

    /** The keyed hash alone (HMAC-SHA256). */
    @Benchmark
    public byte[] keyedHash() {
        return hasher.hash(valid);
    }

    /** Format and checksum alone. */
    @Benchmark
    public PatFormat.Verdict formatAndChecksum() {
        return PatFormat.inspect(valid);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(what);
        }
    }
}
