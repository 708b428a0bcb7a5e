package io.keyward.bench.keyward;

import io.keyward.bench.ManagedProcess;
import io.keyward.pat.PatFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keyward as {@code ./keyward up} runs it (the launcher from {@code infra/target}), on free ports, with a fresh data
 * directory and a bootstrap skylight-admin PAT chosen here.
 */
public final class KeywardStack implements AutoCloseable {

    public static final Map<String, String> SERVICES = new LinkedHashMap<>(Map.of(
            "command-service", "command-service.jar", "query-service", "query-service.jar",
            "gateway", "gateway.jar", "launcher (stores)", "io.keyward.infra.LocalStack"));

    private final ManagedProcess process;
    private final Map<String, Integer> ports;
    private final String adminToken;
    private final Duration startup;

    private KeywardStack(ManagedProcess process, Map<String, Integer> ports, String adminToken, Duration startup) {
        this.process = process;
        this.ports = ports;
        this.adminToken = adminToken;
        this.startup = startup;
    }

    /**
     * @param serviceJavaOptions JVM options of the three services (null: the launcher's default)
     * @param stackJavaOptions   JVM options of the launcher, which holds the MongoDB-wire server, as
     *                           {@code KEYWARD_STACK_JAVA_OPTS} gives them to {@code ./keyward up}
     */
    public static KeywardStack start(Path root, Path workDirectory, String serviceJavaOptions,
                                     String stackJavaOptions) throws Exception {
        Path data = workDirectory.resolve("keyward-data");
        deleteRecursively(data);
        Map<String, Integer> ports = new HashMap<>();
        for (String name : List.of("GATEWAY", "COMMAND", "QUERY", "POSTGRES", "MONGO", "KAFKA", "KAFKA_CONTROLLER")) {
            ports.put(name, ManagedProcess.freePort());
        }
        String adminToken = PatFormat.generate(new SecureRandom());
        Map<String, String> environment = new HashMap<>();
        ports.forEach((name, port) -> environment.put("KEYWARD_" + name + "_PORT", Integer.toString(port)));
        environment.put("KEYWARD_DATA_DIR", data.toString());
        environment.put("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.put("KEYWARD_LOG_FORMAT", "text");
        if (serviceJavaOptions != null) {
            environment.put("KEYWARD_SERVICE_JAVA_OPTS", serviceJavaOptions);
        }
        Path infra = root.resolve("infra").resolve("target");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(stackJavaOptions.trim().split("\\s+")).filter(option -> !option.isEmpty())
                .forEach(command::add);
        command.addAll(List.of("-Dkeyward.home=" + root,
                "-cp", infra.resolve("infra.jar") + ":" + infra.resolve("lib") + "/*",
                "io.keyward.infra.LocalStack"));
        ManagedProcess process = ManagedProcess.start("keyward", command, environment, root,
                workDirectory.resolve("keyward-stack.log"));
        try {
            process.awaitLog("Keyward is up", Duration.ofSeconds(300));
            Duration startup = process.awaitReady("http://127.0.0.1:" + ports.get("GATEWAY")
                    + "/actuator/health/readiness", status -> status == 200, Duration.ofSeconds(120));
            return new KeywardStack(process, ports, adminToken, startup);
        } catch (Exception e) {
            process.close();
            throw e;
        }
    }

    public int gatewayPort() {
        return ports.get("GATEWAY");
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.get("KAFKA");
    }

    public String adminToken() {
        return adminToken;
    }

    public Duration startup() {
        return startup;
    }

    public Map<String, ManagedProcess.Memory> memory() {
        return process.memory(SERVICES);
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
