package io.keyward.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.service.config.KeywardProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeywardPropertiesTest {

    private final KeywardProperties properties = new KeywardProperties(
            new KeywardProperties.Pat("pepper", Duration.ofDays(365)),
            Map.of("short", new KeywardProperties.Tenant(Duration.ofDays(30)),
                    "greedy", new KeywardProperties.Tenant(Duration.ofDays(1000)),
                    "unset", new KeywardProperties.Tenant(null)),
            new KeywardProperties.AuthCache(true, 100_000, Duration.ofMinutes(5), Duration.ofSeconds(3)));

    @Test
    void aTenantMayNarrowTheMaximumPatLifetimeButNeverWidenIt() {
        assertThat(properties.maxPatLifetime("short")).isEqualTo(Duration.ofDays(30));
        assertThat(properties.maxPatLifetime("greedy")).isEqualTo(Duration.ofDays(365));
        assertThat(properties.maxPatLifetime("unset")).isEqualTo(Duration.ofDays(365));
        assertThat(properties.maxPatLifetime("anyone-else")).isEqualTo(Duration.ofDays(365));
    }
}
