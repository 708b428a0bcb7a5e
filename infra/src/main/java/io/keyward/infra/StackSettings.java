package io.keyward.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's settings, from environment variables (all optional). Setting {@code KEYWARD_POSTGRES_URL},
 * {@code KEYWARD_MONGO_URI} or {@code KEYWARD_KAFKA_BOOTSTRAP} points the services at an existing store, and that
 * embedded store does not start.
 */
record StackSettings(
        Path home,
        Path dataDir,
        String bindAddress,
        int gatewayPort,
        int commandPort,
        int queryPort,
        int postgresPort,
        int mongoPort,
        int kafkaPort,
        int kafkaControllerPort,
        Optional<String> postgresUrl,
        Optional<String> mongoUri,
        Optional<String> kafkaBootstrap,
        Optional<String> pepper,
        Optional<String> bootstrapAdminToken,
        Optional<String> serviceJavaOptions,
        int startupTimeoutSeconds) {

    static StackSettings from(Map<String, String> env, Path home) {
        Path dataDir = Path.of(env.getOrDefault("KEYWARD_DATA_DIR", home.resolve(".keyward").toString()))
                .toAbsolutePath();
        return new StackSettings(
                home,
                dataDir,
                env.getOrDefault("KEYWARD_BIND_ADDRESS", "127.0.0.1"),
                port(env, "KEYWARD_GATEWAY_PORT", 8080),
                port(env, "KEYWARD_COMMAND_PORT", 8081),
                port(env, "KEYWARD_QUERY_PORT", 8082),
                port(env, "KEYWARD_POSTGRES_PORT", 54320),
                port(env, "KEYWARD_MONGO_PORT", 27018),
                port(env, "KEYWARD_KAFKA_PORT", 9092),
                port(env, "KEYWARD_KAFKA_CONTROLLER_PORT", 9093),
                nonBlank(env, "KEYWARD_POSTGRES_URL"),
                nonBlank(env, "KEYWARD_MONGO_URI"),
                nonBlank(env, "KEYWARD_KAFKA_BOOTSTRAP"),
                nonBlank(env, "KEYWARD_PAT_PEPPER"),
                nonBlank(env, "KEYWARD_BOOTSTRAP_ADMIN_TOKEN"),
                nonBlank(env, "KEYWARD_SERVICE_JAVA_OPTS"),
                Integer.parseInt(env.getOrDefault("KEYWARD_STARTUP_TIMEOUT", "240")));
    }

    Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + ".jar");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static Optional<String> nonBlank(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
