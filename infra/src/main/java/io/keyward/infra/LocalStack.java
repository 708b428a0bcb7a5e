package io.keyward.infra;

import io.keyward.pat.PatHasher;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./keyward up}: the whole of Keyward on this machine without Docker, in the foreground. PostgreSQL
 * (embedded, real binaries), the Kafka broker (a process) and the MongoDB-wire server (on disk) keep their data
 * under the data directory; the command-service, the query-service and the gateway run as processes. Ctrl-C (or
 * SIGTERM) stops everything in order: gateway, services, Kafka, MongoDB, PostgreSQL. A service or the broker that
 * dies meanwhile (a crash, an OOM kill, {@code kill -9}) is restarted, as a service manager would restart it; one
 * that keeps dying right after its start stops the stack instead of looping.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final PrintStream CONSOLE = System.out;

    /** A process that died within this long of its start counts as a failed start. */
    static final Duration QUICK_EXIT = Duration.ofSeconds(30);
    /** Failed starts in a row after which the stack gives up. */
    static final int MAX_QUICK_EXITS = 5;

    private final StackSettings settings;
    private final List<AutoCloseable> stores = new ArrayList<>();
    private final List<Supervised> services = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private Supervised kafka;
    private List<String> serviceJavaOptions;
    private FileLock lock;
    private volatile boolean stopping;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("keyward.home", ".")).toAbsolutePath().normalize();
        StackSettings settings;
        try {
            settings = StackSettings.from(System.getenv(), home);
        } catch (IllegalArgumentException e) {
            System.err.println("keyward: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "keyward-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            log.error("Keyward did not start: {}", e.getMessage());
            System.exit(1);
        }
        stack.superviseUntilStopped();
        stopped.await();
    }

    private void start() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(settings.dataDir());
        lockDataDirectory();
        for (String module : List.of("command-service", "query-service", "gateway")) {
            if (!Files.isRegularFile(settings.jar(module))) {
                throw new IllegalStateException(settings.jar(module) + " is missing; build first (./keyward build)");
            }
        }
        log.info("Data directory {}", settings.dataDir());

        String postgresUrl = settings.postgresUrl().orElse(null);
        if (postgresUrl == null) {
            EmbeddedPostgresStore postgres = EmbeddedPostgresStore.start(settings.dataDir().resolve("postgres"),
                    settings.postgresPort(), Duration.ofSeconds(settings.startupTimeoutSeconds()));
            stores.add(postgres);
            postgresUrl = postgres.jdbcUrl();
            log.info("PostgreSQL (embedded) at {}", postgresUrl);
        } else {
            log.info("PostgreSQL: using {}", postgresUrl);
        }

        String mongoUri = settings.mongoUri().orElse(null);
        if (mongoUri == null) {
            MongoWireStore mongo = MongoWireStore.start(settings.dataDir().resolve("mongo"), "127.0.0.1",
                    settings.mongoPort());
            stores.add(mongo);
            mongoUri = mongo.uri();
            log.info("MongoDB wire server (H2 on disk) at {}", mongoUri);
        } else {
            log.info("MongoDB: using the configured URI");
        }

        // The broker starts alongside the services (they connect to it lazily), and is awaited before them.
        String kafkaBootstrap = settings.kafkaBootstrap().orElse(null);
        if (kafkaBootstrap == null) {
            kafka = new Supervised("kafka", this::startKafka);
            kafkaBootstrap = "127.0.0.1:" + settings.kafkaPort();
        } else {
            log.info("Kafka: using {}", kafkaBootstrap);
        }

        environment.put("KEYWARD_POSTGRES_URL", postgresUrl);
        environment.put("KEYWARD_MONGO_URI", mongoUri);
        environment.put("KEYWARD_KAFKA_BOOTSTRAP", kafkaBootstrap);
        environment.put("KEYWARD_PAT_PEPPER", settings.pepper().orElseGet(this::storedPepper));
        environment.put("KEYWARD_BIND_ADDRESS", settings.bindAddress());
        environment.put("KEYWARD_GATEWAY_PORT", Integer.toString(settings.gatewayPort()));
        environment.put("KEYWARD_COMMAND_PORT", Integer.toString(settings.commandPort()));
        environment.put("KEYWARD_QUERY_PORT", Integer.toString(settings.queryPort()));
        environment.put("KEYWARD_COMMAND_URI", "http://127.0.0.1:" + settings.commandPort());
        environment.put("KEYWARD_QUERY_URI", "http://127.0.0.1:" + settings.queryPort());
        settings.bootstrapAdminToken().ifPresent(token -> environment.put("KEYWARD_BOOTSTRAP_ADMIN_TOKEN", token));

        String javaOptions = settings.serviceJavaOptions()
                .orElseGet(() -> ServiceJavaOptions.defaults(ChildProcess.java()));
        log.info("Services' JVM options: {}", javaOptions);
        serviceJavaOptions = Arrays.stream(javaOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
        services.add(new Supervised("command", () -> startService("command", "command-service")));
        services.add(new Supervised("query", () -> startService("query", "query-service")));
        services.add(new Supervised("gateway", () -> startService("gateway", "gateway")));
        Duration timeout = Duration.ofSeconds(settings.startupTimeoutSeconds());
        if (kafka != null) {
            KafkaBrokerProcess.awaitReady(kafka.process, settings.kafkaPort(), timeout);
            log.info("Kafka broker (KRaft) at {}", kafkaBootstrap);
        }
        awaitReady(services.get(0).process, settings.commandPort(), timeout);
        awaitReady(services.get(1).process, settings.queryPort(), timeout);
        awaitReady(services.get(2).process, settings.gatewayPort(), timeout);

        long seconds = Duration.ofNanos(System.nanoTime() - started).toMillis();
        CONSOLE.printf("%nKeyward is up in %.1f s: http://%s:%d (Ctrl-C stops it; data in %s)%n%n",
                seconds / 1000.0, settings.bindAddress(), settings.gatewayPort(), settings.dataDir());
        CONSOLE.flush();
    }

    private ChildProcess startKafka() throws IOException, InterruptedException {
        Path infra = settings.home().resolve("infra").resolve("target");
        return KafkaBrokerProcess.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                settings.kafkaControllerPort(), infra.resolve("infra.jar"), infra.resolve("lib"), CONSOLE);
    }

    private ChildProcess startService(String tag, String module) throws IOException {
        List<String> arguments = new ArrayList<>(serviceJavaOptions);
        arguments.add("-jar");
        arguments.add(settings.jar(module).toString());
        return ChildProcess.start(tag, arguments, environment, settings.dataDir(), CONSOLE);
    }

    private static void awaitReady(ChildProcess service, int port, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the " + service.name() + " service exited during start-up "
                        + "(see its output above)");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readiness)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the " + service.name() + " service was not ready within "
                + timeout.toSeconds() + " s");
    }

    /**
     * Runs until a stop is requested. A process that dies meanwhile is restarted (after 1, 2, 4... up to 30 s when
     * it keeps dying); after {@link #MAX_QUICK_EXITS} deaths in a row within {@link #QUICK_EXIT} of their start,
     * the stack stops with status 1, as it would for a service that cannot start at all.
     */
    private void superviseUntilStopped() throws InterruptedException {
        while (!stopping) {
            List<Supervised> all = new ArrayList<>(services);
            if (kafka != null) {
                all.add(kafka);
            }
            for (Supervised child : all) {
                if (!child.process.isAlive() && !stopping) {
                    restart(child);
                }
            }
            Thread.sleep(250);
        }
    }

    private void restart(Supervised child) throws InterruptedException {
        Duration uptime = Duration.ofNanos(System.nanoTime() - child.startedAt);
        child.quickExits = uptime.compareTo(QUICK_EXIT) < 0 ? child.quickExits + 1 : 1;
        if (child.quickExits > MAX_QUICK_EXITS) {
            log.error("The {} process exited {} times in a row within {} s of its start; stopping Keyward",
                    child.name, MAX_QUICK_EXITS, QUICK_EXIT.toSeconds());
            System.exit(1);
        }
        long backoff = Math.min(30_000, 1000L << Math.max(0, child.quickExits - 2));
        log.error("The {} process exited unexpectedly (code {}) after {} s; restarting it{}", child.name,
                child.process.process().exitValue(), uptime.toSeconds(),
                child.quickExits > 1 ? " in " + backoff / 1000 + " s" : "");
        if (child.quickExits > 1) {
            Thread.sleep(backoff);
        }
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                child.start();
                child.restarts++;
            } catch (IOException e) {
                log.error("Restarting the {} process failed: {}", child.name, e.getMessage());
            }
        }
    }

    /** Stops everything, newest first. Safe to call more than once. */
    private synchronized void stop() {
        if (stopping && services.isEmpty() && kafka == null && stores.isEmpty()) {
            return;
        }
        stopping = true;
        log.info("Stopping Keyward");
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).process.stop(30);
        }
        services.clear();
        if (kafka != null) {
            kafka.process.stop(60);
            kafka = null;
        }
        for (int i = stores.size() - 1; i >= 0; i--) {
            try {
                stores.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping a store failed: {}", e.toString());
            }
        }
        stores.clear();
        try {
            if (lock != null) {
                lock.release();
                lock.channel().close();
            }
        } catch (IOException ignored) {
            // exiting anyway
        }
        log.info("Keyward stopped");
    }

    private void lockDataDirectory() throws IOException {
        FileChannel channel = FileChannel.open(settings.dataDir().resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another Keyward stack is running on " + settings.dataDir());
        }
    }

    /**
     * The PAT pepper of this installation: generated once into the data directory (owner-only permissions) and
     * reused, since changing it would invalidate every PAT.
     */
    private String storedPepper() {
        Path file = settings.dataDir().resolve("pepper");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String pepper = Base64.getEncoder().encodeToString(random);
            if (pepper.length() < PatHasher.MIN_PEPPER_BYTES) {
                throw new IllegalStateException("pepper too short");
            }
            Files.writeString(file, pepper, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            log.info("Generated the PAT pepper of this installation in {}", file);
            return pepper;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** How a child process of the stack is started, so that it can be started again. */
    @FunctionalInterface
    private interface Starter {
        ChildProcess start() throws IOException, InterruptedException;
    }

    /** A child process under supervision: the running one, when it started, and how often it died quickly. */
    private static final class Supervised {
        final String name;
        final Starter starter;
        ChildProcess process;
        long startedAt;
        int quickExits;
        int restarts;

        Supervised(String name, Starter starter) throws IOException, InterruptedException {
            this.name = name;
            this.starter = starter;
            start();
        }

        void start() throws IOException, InterruptedException {
            process = starter.start();
            startedAt = System.nanoTime();
        }
    }
}
