package io.keyward.web;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Structured JSON logs by default (Elastic Common Schema: one JSON object per line, with the request id, tenant and
 * actor of the request), as log shippers want them. {@code KEYWARD_LOG_FORMAT} picks another structured format
 * ({@code logstash}, {@code gelf}) or {@code text} for classic lines.
 */
public class KeywardLogFormat implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty("KEYWARD_LOG_FORMAT", "ecs").strip();
        if (format.equalsIgnoreCase("text") || environment.containsProperty("logging.structured.format.console")) {
            return;
        }
        environment.getPropertySources().addLast(new MapPropertySource("keyward-log-format",
                Map.of("logging.structured.format.console", format)));
    }
}
