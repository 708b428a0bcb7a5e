package io.keyward.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.pat.PatFormat;
import io.keyward.pat.PatHasher;
import io.keyward.service.security.Caller;
import io.keyward.service.security.CredentialLookup;
import io.keyward.service.security.Introspection;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.service.security.PatAuthenticator;
import io.keyward.service.security.StoredCredential;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The gateway's own answer to introspection: with a real authenticator over a credential store held in a map, as
 * the credential index would answer.
 */
class LocalIntrospectionTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final PatHasher HASHER = new PatHasher("gateway-test-pepper-0123456789abcdef".getBytes(
            StandardCharsets.UTF_8));

    private final Map<String, StoredCredential> store = new HashMap<>();
    private final AtomicBoolean storeDown = new AtomicBoolean();
    private final AtomicInteger storeReads = new AtomicInteger();
    private final CredentialLookup lookup = hash -> {
        storeReads.incrementAndGet();
        if (storeDown.get()) {
            throw new DataAccessResourceFailureException("connection refused");
        }
        return Optional.ofNullable(store.get(new String(hash, StandardCharsets.ISO_8859_1)));
    };
    private final ObjectMapper json = new ObjectMapper();
    private final LocalIntrospection filter = new LocalIntrospection(new Introspection(
            new PatAuthenticator(HASHER, lookup, Clock.fixed(NOW, ZoneOffset.UTC))), json);
    private final Caller caller = new Caller("1", "streamer", UserKind.MACHINE, "tenant1",
            Set.of(Role.SERVICE_ACCOUNT_MANAGER), "11", NOW.plus(Duration.ofDays(1)), "tenant1");

    private String stored(String tenant, long credentialId, Instant revokedAt) {
        String token = PatFormat.generate(RANDOM);
        store.put(new String(HASHER.hash(token), StandardCharsets.ISO_8859_1), new StoredCredential(credentialId,
                credentialId + 1000, tenant, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), revokedAt,
                revokedAt == null ? null : "revoked", null, "sa-" + credentialId, UserKind.MACHINE,
                Set.of(Role.TENANT_ADMIN)));
        return token;
    }

    private MockHttpServletRequest request(String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", LocalIntrospection.PATH);
        request.setServletPath(LocalIntrospection.PATH);
        if (contentType != null) {
            request.setContentType(contentType);
        }
        if (body != null) {
            request.setContent(body.getBytes(StandardCharsets.UTF_8));
            for (String pair : body.split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                if (nameAndValue.length == 2 && contentType.startsWith("application/x-www-form-urlencoded")) {
                    request.addParameter(nameAndValue[0], nameAndValue[1]);
                }
            }
        }
        request.setAttribute(PatAuthenticationFilter.CALLER, caller);
        return request;
    }

    private record Answer(MockHttpServletResponse response, MockFilterChain chain) {

        boolean forwarded() {
            return chain.getRequest() != null;
        }

        JsonNode body() throws Exception {
            return new ObjectMapper().readTree(response.getContentAsString());
        }
    }

    private Answer run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Answer(response, chain);
    }

    @Test
    void answersAnActiveTokenOfTheCallersTenantWithoutForwarding() throws Exception {
        String token = stored("tenant1", 42, null);

        Answer answer = run(request("application/x-www-form-urlencoded", "token=" + token));

        assertThat(answer.forwarded()).isFalse();
        assertThat(answer.response().getStatus()).isEqualTo(200);
        assertThat(answer.response().getContentType()).startsWith("application/json");
        assertThat(answer.response().getHeader("Cache-Control")).isEqualTo("no-store");
        JsonNode body = answer.body();
        assertThat(body.get("active").asBoolean()).isTrue();
        assertThat(body.get("jti").asText()).isEqualTo("42");
        assertThat(body.get("sub").asText()).isEqualTo("1042");
        assertThat(body.get("username").asText()).isEqualTo("sa-42");
        assertThat(body.get("tenant").asText()).isEqualTo("tenant1");
        assertThat(body.get("scope").asText()).isEqualTo("tenant-admin");
        assertThat(body.get("exp").asLong()).isEqualTo(NOW.plus(Duration.ofDays(30)).getEpochSecond());
        assertThat(answer.response().getContentAsString()).doesNotContain(token);
    }

    @Test
    void revokedUnknownMalformedAndOtherTenantsTokensAreOnlyInactive() throws Exception {
        String revoked = stored("tenant1", 43, NOW.minusSeconds(1));
        String otherTenant = stored("tenant2", 44, null);
        String unknown = PatFormat.generate(RANDOM);

        for (String token : new String[] {revoked, otherTenant, unknown, "kwp_not-a-token"}) {
            Answer answer = run(request("application/x-www-form-urlencoded", "token=" + token));
            assertThat(answer.response().getStatus()).isEqualTo(200);
            assertThat(answer.response().getContentAsString()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void aRepeatedTokenFieldIsNeverActive() throws Exception {
        String token = stored("tenant1", 45, null);

        Answer answer = run(request("application/x-www-form-urlencoded", "token=" + token + "&token=" + token));

        assertThat(answer.response().getContentAsString()).isEqualTo("{\"active\":false}");
    }

    @Test
    void aFormWithoutTokenIs400WithAProblemBody() throws Exception {
        Answer answer = run(request("application/x-www-form-urlencoded", "tokn=x"));

        assertThat(answer.forwarded()).isFalse();
        assertThat(answer.response().getStatus()).isEqualTo(400);
        assertThat(answer.response().getContentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains("'token'");
    }

    @Test
    void otherContentTypesMethodsAndPathFormsGoOnToTheQueryService() throws Exception {
        assertThat(run(request("application/json", "{\"token\":\"x\"}")).forwarded()).isTrue();
        assertThat(run(request(null, null)).forwarded()).isTrue();
        assertThat(run(request("not a media type", "token=x")).forwarded()).isTrue();

        MockHttpServletRequest get = request("application/x-www-form-urlencoded", "token=x");
        get.setMethod("GET");
        assertThat(run(get).forwarded()).isTrue();

        MockHttpServletRequest escaped = request("application/x-www-form-urlencoded", "token=x");
        escaped.setRequestURI("/api/v2/auth/%69ntrospect");
        assertThat(run(escaped).forwarded()).isTrue();
        assertThat(storeReads).hasValue(0);
    }

    @Test
    void aFormWithACharsetIsAnsweredHere() throws Exception {
        String token = stored("tenant1", 46, null);

        Answer answer = run(request("application/x-www-form-urlencoded; charset=UTF-8", "token=" + token));

        assertThat(answer.forwarded()).isFalse();
        assertThat(answer.body().get("active").asBoolean()).isTrue();
    }

    @Test
    void anUnavailableCredentialStoreIs503WithRetryAfter() throws Exception {
        storeDown.set(true);

        Answer answer = run(request("application/x-www-form-urlencoded", "token=" + PatFormat.generate(RANDOM)));

        assertThat(answer.response().getStatus()).isEqualTo(503);
        assertThat(answer.response().getHeader("Retry-After")).isNotNull();
        assertThat(answer.response().getContentType()).isEqualTo("application/problem+json");
    }
}
