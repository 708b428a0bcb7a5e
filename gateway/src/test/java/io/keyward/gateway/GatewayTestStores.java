package io.keyward.gateway;

import io.keyward.testing.TestStores;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The stores a gateway under test needs: a real PostgreSQL database for the credential listener, and a pepper. The
 * database is empty (its schema belongs to the services), so these tests run without the credential cache; the
 * gateway's introspection against the real schema is tested end to end (GuideApiIT, RacesIT, FaultsIT).
 */
final class GatewayTestStores {

    private GatewayTestStores() {
    }

    private static final String PEPPER = "gateway-test-pepper-0123456789abcdef";

    static void register(DynamicPropertyRegistry registry) {
        TestStores.register(registry, false, false);
        registry.add("keyward.pat.pepper", () -> PEPPER);
        registry.add("keyward.auth-cache.enabled", () -> "false");
    }

    /** The same, as command-line arguments of a gateway started by the test itself. */
    static List<String> arguments() {
        return List.of("--spring.datasource.url=" + TestStores.newPostgresDatabase(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--keyward.pat.pepper=" + PEPPER, "--keyward.auth-cache.enabled=false");
    }
}
