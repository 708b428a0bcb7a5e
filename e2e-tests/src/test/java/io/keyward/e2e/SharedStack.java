package io.keyward.e2e;

import io.keyward.pat.PatFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/**
 * One local stack (processes, as {@code ./keyward up} runs them) shared by the API suites of this JVM, started on
 * first use and stopped when the JVM exits. The bootstrap administrator's PAT is preset, so it is known here and
 * never printed.
 */
final class SharedStack {

    private static SharedStack instance;

    final RunningStack stack;
    final String adminToken;
    final Api api;

    private SharedStack(RunningStack stack, String adminToken) {
        this.stack = stack;
        this.adminToken = adminToken;
        this.api = new Api(stack.gateway());
    }

    static synchronized SharedStack get() {
        if (instance == null) {
            try {
                Path target = RunningStack.root().resolve("e2e-tests").resolve("target");
                Path dataDir = Files.createTempDirectory(Files.createDirectories(target), "shared-stack-");
                String adminToken = PatFormat.generate(new SecureRandom());
                RunningStack stack = new RunningStack(dataDir, target.resolve("shared-stack.log"), Map.of());
                stack.start(Map.of("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", adminToken));
                System.out.printf("shared stack started in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        stack.close();
                    } catch (Exception ignored) {
                        // exiting
                    }
                }, "shared-stack-stop"));
                instance = new SharedStack(stack, adminToken);
                Api.remember(adminToken);
            } catch (Exception e) {
                throw new IllegalStateException("the shared stack did not start", e);
            }
        }
        return instance;
    }

    String postgresUrl() {
        return "jdbc:postgresql://127.0.0.1:" + stack.ports.get("POSTGRES") + "/keyward";
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + stack.ports.get("MONGO");
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + stack.ports.get("KAFKA");
    }
}
