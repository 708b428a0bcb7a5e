package io.keyward.command.support;

import io.keyward.pat.PatFormat;
import io.keyward.testing.TestStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A command-service on a random port against its own PostgreSQL database and the shared test Kafka broker,
 * bootstrapped with a known admin PAT. Tests talk to it over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandServiceTestBase {

    public static final String PEPPER = "test-pepper-0123456789abcdef0123456789";
    protected static final String ADMIN_TOKEN = PatFormat.generate(new SecureRandom());
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        TestStores.register(registry, false, true);
        registry.add("keyward.pat.pepper", () -> PEPPER);
        registry.add("keyward.bootstrap.admin-token", () -> ADMIN_TOKEN);
    }

    protected HttpResponse<String> post(String path, String token, String tenant, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(authorize(request, token, tenant));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static HttpRequest.Builder authorize(HttpRequest.Builder request, String token, String tenant) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("X-Forwarded-Tenant-Id", tenant);
        }
        return request;
    }

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
