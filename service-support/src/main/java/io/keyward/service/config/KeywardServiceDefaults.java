package io.keyward.service.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code keyward-service-defaults.properties} as the lowest-precedence property source of every Keyward
 * service: the settings they share (stores from {@code KEYWARD_*} variables, Axon without Axon Server, strict JSON,
 * graceful shutdown), overridable by each service's {@code application.yml} and by the environment.
 */
public class KeywardServiceDefaults implements EnvironmentPostProcessor {

    static final String NAME = "keyward-service-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource(NAME, new ClassPathResource(NAME + ".properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
