package io.keyward.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as a user runs it ({@code ./keyward up} minus the build): the launcher process from
 * {@code infra/target}, on free ports, with its own data directory. Its output goes to a log file under target/.
 */
final class RunningStack implements AutoCloseable {

    final Map<String, Integer> ports = new HashMap<>();
    final Path dataDir;
    final Path log;
    private final Map<String, String> environment;
    private Process process;
    private Duration startupTime;

    RunningStack(Path dataDir, Path log, Map<String, String> extraEnvironment) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        for (String name : List.of("GATEWAY", "COMMAND", "QUERY", "POSTGRES", "MONGO", "KAFKA", "KAFKA_CONTROLLER")) {
            ports.put(name, FreePorts.next());
        }
        environment = new HashMap<>();
        ports.forEach((name, port) -> environment.put("KEYWARD_" + name + "_PORT", Integer.toString(port)));
        environment.put("KEYWARD_DATA_DIR", dataDir.toString());
        // The suites' many deliberate 401s all come from 127.0.0.1: the brute-force throttle would soon answer them
        // 429. It is tested with its own limits (gateway's BruteForceThrottleTest).
        environment.put("KEYWARD_AUTH_FAILURE_BURST", "100000");
        environment.putAll(extraEnvironment);
    }

    static Path root() {
        return Path.of(System.getProperty("keyward.root", "..")).toAbsolutePath().normalize();
    }

    /** Starts the stack and waits until the gateway answers. */
    RunningStack start(Map<String, String> moreEnvironment) throws Exception {
        Path infra = root().resolve("infra").resolve("target");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dkeyward.home=" + root(),
                "-cp", infra.resolve("infra.jar") + ":" + infra.resolve("lib") + "/*",
                "io.keyward.infra.LocalStack"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(moreEnvironment);
        long logOffset = Files.exists(log) ? Files.size(log) : 0;
        long started = System.nanoTime();
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create(gateway() + "/actuator/health/readiness");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the stack exited during start-up; see " + log);
            }
            if (Files.readString(log).substring((int) logOffset).contains("Keyward is up")) {
                try {
                    if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // keep waiting
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stack did not start within 300 s; see " + log);
            }
            Thread.sleep(250);
        }
        startupTime = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    Duration startupTime() {
        return startupTime;
    }

    String gateway() {
        return "http://127.0.0.1:" + ports.get("GATEWAY");
    }

    /** Stops the stack as Ctrl-C or a service manager would (SIGTERM); returns how long it took. */
    Duration stop() throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the stack did not stop within 120 s");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The live process of one of the stack's services ({@code command-service}, {@code query-service}, ...). */
    java.util.Optional<ProcessHandle> service(String module) {
        return process.descendants().filter(ProcessHandle::isAlive)
                .filter(child -> child.info().commandLine().orElse("").contains("/" + module + ".jar"))
                .findFirst();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (isAlive()) {
            stop();
        }
    }

}
