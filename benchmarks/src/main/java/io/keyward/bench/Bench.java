package io.keyward.bench;

import io.keyward.bench.keycloak.KeycloakBench;
import io.keyward.bench.keycloak.KeycloakServer;
import io.keyward.bench.keyward.KeywardBench;
import io.keyward.bench.keyward.KeywardStack;
import io.keyward.bench.load.LoadResult;
import io.keyward.bench.load.LoadRun;
import io.keyward.bench.load.LoadSpec;
import io.keyward.bench.load.Scenario;
import io.keyward.bench.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./keyward bench}: Keycloak and Keyward measured on this machine in one run, one system at a time (the other
 * is stopped meanwhile), the JMH benchmarks of the PAT verify path, then a report with plots. Stops by itself.
 *
 * <pre>
 * --quick            short runs (a smoke test of the harness, not figures to quote)
 * --only=keyward     or --only=keycloak: measure one system
 * --no-jmh           skip the JMH benchmarks
 * --out=DIR          where the report goes (default benchmarks/target/bench/&lt;time&gt;)
 * --attach=HOST:PORT measure a Keyward that is already running there (KEYWARD_ADMIN_TOKEN: a skylight-admin PAT;
 *                    KEYWARD_KAFKA_BOOTSTRAP for the revocation cut) instead of starting one
 * --scenarios=a,c    only these of Keyward's scenarios (a..f)
 * </pre>
 */
public final class Bench {

    private static final String HOST = "127.0.0.1";
    private static final CpuMeter KEYWARD_CPU = new CpuMeter(new LinkedHashMap<>(Map.of(
            "command-service", CpuMeter.containing("command-service.jar"),
            "query-service", CpuMeter.containing("query-service.jar"),
            "gateway", CpuMeter.containing("gateway.jar"),
            "kafka", CpuMeter.containing("io.keyward.infra.KafkaBroker"),
            "launcher + MongoDB wire", CpuMeter.containing("io.keyward.infra.LocalStack"),
            "postgresql", line -> line.startsWith("postgres") || line.contains("/bin/postgres "))));
    private static final CpuMeter KEYCLOAK_CPU = new CpuMeter(new LinkedHashMap<>(Map.of(
            "keycloak", CpuMeter.containing("io.quarkus.bootstrap.runner.QuarkusEntryPoint"))));

    private final Path root;
    private final Path work;
    private final Settings settings;
    private final Report report;
    private String attach;
    private String scenarios = "abcdef";

    /** Durations and sizes of one run. */
    record Settings(boolean quick, Duration warmup, Duration measure, int connections, int fixedRateConnections,
                    double fixedRate, int fixture, int propagationCount) {

        static Settings of(boolean quick) {
            return quick
                    ? new Settings(true, Duration.ofSeconds(3), Duration.ofSeconds(6), 16, 32, 1000, 40, 40)
                    : new Settings(false, Duration.ofSeconds(10), Duration.ofSeconds(30), 16, 32, 1000, 200, 300);
        }

        LoadSpec closed() {
            return LoadSpec.closed(connections, warmup, measure);
        }

        LoadSpec fixed(double rate) {
            return LoadSpec.fixedRate(rate, fixedRateConnections, warmup, measure);
        }
    }

    private Bench(Path root, Path work, Settings settings) {
        this.root = root;
        this.work = work;
        this.settings = settings;
        this.report = new Report(work, settings.quick());
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean jmh = true;
        String attach = null;
        String scenarios = "abcdef";
        String only = null;
        Path out = null;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--no-jmh")) {
                jmh = false;
            } else if (arg.startsWith("--only=")) {
                only = arg.substring("--only=".length()).toLowerCase(Locale.ROOT);
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring("--out=".length()));
            } else if (arg.startsWith("--attach=")) {
                attach = arg.substring("--attach=".length());
            } else if (arg.startsWith("--scenarios=")) {
                scenarios = arg.substring("--scenarios=".length()).replace(",", "");
            } else {
                System.err.println("usage: ./keyward bench [--quick] [--only=keyward|keycloak] [--no-jmh] [--out=DIR] "
                        + "[--attach=HOST:PORT] [--scenarios=a,b,...]");
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("keyward.home", ".")).toAbsolutePath().normalize();
        Path work = out != null ? out.toAbsolutePath() : root.resolve("benchmarks/target/bench")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(work);
        Bench bench = new Bench(root, work, Settings.of(quick));
        bench.attach = attach;
        bench.scenarios = scenarios;
        long started = System.nanoTime();
        if (only == null || only.equals("keycloak")) {
            bench.keycloak();
        }
        if (only == null || only.equals("keyward")) {
            bench.keyward();
        }
        if (jmh) {
            bench.report.jmh(JmhRunner.run(work, quick));
        }
        bench.report.write(Duration.ofNanos(System.nanoTime() - started));
        System.out.println("bench: report in " + work.resolve("report.md"));
    }

    private void keycloak() throws Exception {
        Optional<Path> zip = Optional.ofNullable(System.getProperty("keyward.bench.keycloak-zip")).map(Path::of)
                .filter(Files::exists);
        Optional<Path> java = peerJava();
        if (zip.isEmpty() || java.isEmpty()) {
            report.note("Keycloak was not measured: " + (zip.isEmpty() ? "its distribution zip is missing"
                    : "no Java 21+ runtime was found under /usr/lib/jvm (set KEYWARD_BENCH_PEER_JAVA_HOME)"));
            return;
        }
        System.out.println("bench: starting Keycloak " + System.getProperty("keyward.bench.keycloak-version", "")
                + " with " + java.get());
        try (KeycloakServer server = KeycloakServer.start(zip.get(), work, java.get())) {
            report.note("Keycloak started in " + server.startup().toMillis() / 1000.0 + " s.");
            KeycloakBench keycloak = new KeycloakBench(HOST, server.port());
            keycloak.prepare(server.adminPassword(), settings.fixture());
            LoadRun run = new LoadRun(HOST, server.port());
            warmUp(run, "Keycloak", List.of(keycloak.createClientWithServiceAccount(), keycloak.issueToken(),
                    keycloak.introspect()));
            measure(run, "Keycloak", "(b) introspection", settings.closed(), keycloak.introspect());
            measure(run, "Keycloak", "(c) create client + service account", settings.closed(),
                    keycloak.createClientWithServiceAccount());
            measure(run, "Keycloak", "(d) client-credentials token", settings.closed(), keycloak.issueToken());
            measure(run, "Keycloak", "(b) introspection", settings.fixed(settings.fixedRate()),
                    keycloak.introspect());
            report.memory("Keycloak", server.memory());
        }
    }

    private void keyward() throws Exception {
        if (attach != null) {
            String token = System.getenv("KEYWARD_ADMIN_TOKEN");
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("--attach needs KEYWARD_ADMIN_TOKEN, a skylight-admin PAT");
            }
            String[] address = attach.split(":");
            report.note("Keyward measured as running at " + attach + " (not started by the harness).");
            keywardScenarios(address[0], Integer.parseInt(address[1]), token,
                    System.getenv().getOrDefault("KEYWARD_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
            return;
        }
        System.out.println("bench: starting Keyward");
        try (KeywardStack stack = KeywardStack.start(root, work, System.getenv("KEYWARD_SERVICE_JAVA_OPTS"),
                System.getenv().getOrDefault("KEYWARD_STACK_JAVA_OPTS", "-Xms64m -Xmx512m"))) {
            report.note("Keyward started in " + stack.startup().toMillis() / 1000.0 + " s.");
            keywardScenarios(HOST, stack.gatewayPort(), stack.adminToken(), stack.kafkaBootstrap());
            report.memory("Keyward", stack.memory());
        }
    }

    private void keywardScenarios(String host, int port, String adminToken, String kafka) throws Exception {
        KeywardBench keyward = new KeywardBench(host, port);
        keyward.prepare(adminToken, settings.fixture());
        LoadRun run = new LoadRun(host, port);
        // Writes first: their work in the services (projections, publishers) must not be what the reads measure.
        warmUp(run, "Keyward", List.of(keyward.createWithPat(), keyward.issueThenRevoke(), keyward.getAccount(),
                keyward.introspect(), keyward.search()));
        if (scenarios.contains("a")) {
            measure(run, "Keyward", "(a) GET account with PAT", settings.closed(), keyward.getAccount());
            measure(run, "Keyward", "(a) GET account with PAT", settings.fixed(settings.fixedRate()),
                    keyward.getAccount());
        }
        if (scenarios.contains("b")) {
            measure(run, "Keyward", "(b) introspection", settings.closed(), keyward.introspect());
            measure(run, "Keyward", "(b) introspection", settings.fixed(settings.fixedRate()),
                    keyward.introspect());
        }
        if (scenarios.contains("c")) {
            measure(run, "Keyward", "(c) create account with PAT", settings.closed(), keyward.createWithPat());
        }
        if (scenarios.contains("d")) {
            measure(run, "Keyward", "(d) issue then revoke PAT", settings.closed(), keyward.issueThenRevoke());
        }
        if (scenarios.contains("e")) {
            measure(run, "Keyward", "(e) search", settings.closed(), keyward.search());
        }
        if (scenarios.contains("f")) {
            LoadResult propagation = keyward.revocationPropagation(kafka, settings.propagationCount(),
                    Duration.ofMillis(20));
            System.out.println(propagation.summary());
            report.add(propagation);
        }
    }

    /**
     * Runs the scenarios unmeasured, so that every JVM involved has compiled its hot paths: each for the warm-up time,
     * then (in a full run) in rounds of 10 s each until the JVMs' JIT compilers use less than 3% of a core over a
     * round, at most 5 minutes more. A server runs for days; what it does before its code is compiled is start-up.
     */
    private void warmUp(LoadRun run, String system, List<Scenario> scenarios) throws InterruptedException {
        CpuMeter cpu = system.equals("Keyward") ? KEYWARD_CPU : KEYCLOAK_CPU;
        long started = System.nanoTime();
        Duration each = settings.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(30);
        for (Scenario scenario : scenarios) {
            warmUp(run, system, scenario, each);
        }
        if (settings.quick()) {
            return;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        double share = 1;
        while (System.nanoTime() < deadline && share >= 0.03) {
            double compiledBefore = cpu.compilerSeconds();
            long roundStarted = System.nanoTime();
            for (Scenario scenario : scenarios) {
                warmUp(run, system, scenario, Duration.ofSeconds(10));
            }
            share = (cpu.compilerSeconds() - compiledBefore) / ((System.nanoTime() - roundStarted) / 1e9);
            System.out.printf(Locale.ROOT, "bench: %s's JIT compilers used %.1f%% of a core in the last warm-up "
                    + "round%n", system, share * 100);
        }
        report.note(String.format(Locale.ROOT, "%s warmed up for %d s%s.", system,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), share < 0.03
                        ? " (until its JIT compilers used less than 3% of a core)"
                        : "; its JIT compilers were still busy (" + Math.round(share * 100) + "% of a core)"));
    }

    private void warmUp(LoadRun run, String system, Scenario scenario, Duration duration)
            throws InterruptedException {
        LoadResult warmup = run.run(system, "warm-up", LoadSpec.closed(settings.connections(), Duration.ZERO,
                duration), scenario);
        if (warmup.errors() > 0) {
            System.out.println("bench: warm-up errors: " + warmup.sampleErrors());
        }
    }

    private void measure(LoadRun run, String system, String scenario, LoadSpec spec, Scenario operation)
            throws InterruptedException {
        CpuMeter cpu = system.equals("Keyward") ? KEYWARD_CPU : KEYCLOAK_CPU;
        if (idle(cpu, Duration.ofSeconds(1)).isEmpty()) {
            System.out.println("bench: the system did not settle within a minute; measuring anyway");
        }
        List<Map<String, Double>> readings = new java.util.ArrayList<>();
        LoadResult measured = run.run(system, scenario, spec, operation, new LoadRun.Probe() {
            @Override
            public void measuring() {
                readings.add(cpu.snapshot());
            }

            @Override
            public void done() {
                readings.add(cpu.snapshot());
            }
        });
        // The work the operations left behind (projections, publishers) is theirs: wait for it, and count its time
        // and CPU (the generator's own CPU only while it sent).
        long doneAt = System.nanoTime();
        Optional<Idle> caughtUp = idle(cpu, Duration.ofMillis(250));
        double catchUpSeconds = caughtUp.map(idle -> (idle.since() - doneAt) / 1e9)
                .orElse((System.nanoTime() - doneAt) / 1e9);
        Map<String, Double> after = new java.util.LinkedHashMap<>(caughtUp.map(Idle::cpu).orElse(cpu.snapshot()));
        after.put(CpuMeter.LOAD_GENERATOR, readings.get(1).get(CpuMeter.LOAD_GENERATOR));
        LoadResult result = measured.withCpu(CpuMeter.perOperation(readings.get(0), after, measured.operations()))
                .withCatchUp(catchUpSeconds);
        if (caughtUp.isEmpty()) {
            report.note(system + " " + scenario + ": the system was still busy a minute after the measurement.");
        }
        System.out.println(result.summary());
        System.out.println("  CPU ms per operation: " + result.cpuMillisPerOperation());
        if (!result.sampleErrors().isEmpty()) {
            System.out.println("  errors, for instance: " + result.sampleErrors());
        }
        report.add(result);
    }

    /** When the system became idle, and the CPU readings at that moment. */
    private record Idle(long since, Map<String, Double> cpu) {
    }

    /**
     * Waits (at most a minute) until the system is idle: less than 15% of one core over {@code window} (an idle
     * Keyward uses a few per cent), and returns when that idle window began. Before a measurement this keeps work
     * left behind by the previous run from being charged to the next one; after one, it is the catch-up time.
     */
    private static Optional<Idle> idle(CpuMeter cpu, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long since = System.nanoTime();
        Map<String, Double> before = cpu.snapshot();
        while (System.nanoTime() < deadline) {
            Thread.sleep(window.toMillis());
            long now = System.nanoTime();
            Map<String, Double> after = cpu.snapshot();
            double busy = after.entrySet().stream().filter(e -> !e.getKey().equals(CpuMeter.LOAD_GENERATOR))
                    .mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
            if (busy < 0.15 * (now - since) / 1e9) {
                return Optional.of(new Idle(since, before));
            }
            before.putAll(after);
            since = now;
        }
        return Optional.empty();
    }

    /** A Java 21+ runtime for Keycloak: KEYWARD_BENCH_PEER_JAVA_HOME, else the newest Temurin under /usr/lib/jvm. */
    static Optional<Path> peerJava() throws java.io.IOException {
        String configured = System.getenv("KEYWARD_BENCH_PEER_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(home -> Files.isExecutable(home.resolve("bin/java")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= 21)
                    .max((a, b) -> Integer.compare(featureVersion(a), featureVersion(b)));
        }
    }

    private static int featureVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.]")[0]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not a JDK we can use
        }
        return 0;
    }


}
