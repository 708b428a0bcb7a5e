package io.keyward.query.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.identity.IdGenerator;
import io.keyward.identity.Role;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import io.keyward.service.axon.EventStoreNotifications;
import io.keyward.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A query-service on a random port, against its own PostgreSQL and MongoDB databases. Tests play the
 * command-service's part themselves: they write events into the event store through an engine of their own and
 * announce them on PostgreSQL's channel, as another process would (only that wakes the projection), and write rows
 * into the lookups.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QueryServiceTestBase {

    public static final String PEPPER = "test-pepper-0123456789abcdef0123456789";
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final PatHasher HASHER = new PatHasher(PEPPER.getBytes(StandardCharsets.UTF_8));
    private static final IdGenerator IDS = new IdGenerator(1000);
    private static final ConcurrentHashMap<String, Long> SEQUENCES = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    private JdbcEventStorageEngine otherProcess;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        TestStores.register(registry, true, false);
        registry.add("keyward.pat.pepper", () -> PEPPER);
    }

    protected static String newId() {
        return IDS.next();
    }

    /** Appends events as another process would: straight into the store, in one auto-committed batch. */
    protected void append(String aggregateId, Object... payloads) {
        if (otherProcess == null) {
            ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
            otherProcess = JdbcEventStorageEngine.builder()
                    .connectionProvider(new DataSourceConnectionProvider(dataSource))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
        }
        List<GenericDomainEventMessage<Object>> messages = java.util.Arrays.stream(payloads)
                .map(payload -> new GenericDomainEventMessage<>("UserAccount", aggregateId,
                        SEQUENCES.merge(aggregateId, 1L, Long::sum) - 1, payload))
                .collect(Collectors.toList());
        otherProcess.appendEvents(messages);
        announceNewEvents();
    }

    /** What the writing process does after committing events: tells every process on {@code keyward_events}. */
    protected void announceNewEvents() {
        jdbc.execute("SELECT pg_notify('" + EventStoreNotifications.CHANNEL + "', 'another-process')");
    }

    /** A user with a PAT in the lookups (as the command-service would have written them); returns the PAT. */
    protected String userWithPat(String tenantId, String username, Role... roles) {
        String token = PatFormat.generate(new SecureRandom());
        long userId = Long.parseLong(newId());
        jdbc.update("INSERT INTO kw_principal (user_id, tenant_id, username, username_key, kind, roles, created_at) "
                        + "VALUES (?, ?, ?, ?, 'human', ?, now())", userId, tenantId, username, username.toLowerCase(),
                java.util.Arrays.stream(roles).map(Role::value).collect(Collectors.joining(",")));
        jdbc.update("INSERT INTO kw_credential (token_hash, credential_id, user_id, tenant_id, expires_at, issued_at) "
                        + "VALUES (?, ?, ?, ?, ?, now())", HASHER.hash(token), Long.parseLong(newId()), userId, tenantId,
                Timestamp.from(Instant.now().plus(1, ChronoUnit.DAYS)));
        return token;
    }

    protected HttpResponse<String> get(String path, String token, String tenant) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Forwarded-Tenant-Id", tenant);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
