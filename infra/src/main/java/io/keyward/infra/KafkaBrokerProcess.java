package io.keyward.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * The real Apache Kafka broker, single node in KRaft mode (combined broker and controller), as a process of its
 * own started from the Maven jars in {@code infra/target/lib}. Its log directory is formatted once; later starts
 * reuse it, so topics and records survive restarts.
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {
    }

    public static ChildProcess start(Path directory, int port, int controllerPort, Path classpathJar, Path libDirectory,
                              PrintStream console) throws IOException, InterruptedException {
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        Path config = directory.resolve("server.properties");
        writeConfig(config, data, port, controllerPort);
        String classpath = classpathJar + java.io.File.pathSeparator + libDirectory.resolve("*");
        List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath);

        if (!Files.exists(data.resolve("meta.properties"))) {
            List<String> format = new java.util.ArrayList<>(jvm);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--ignore-formatted"));
            ChildProcess formatting = ChildProcess.start("kafka", format, Map.of(), directory, console);
            if (!formatting.process().waitFor(120, TimeUnit.SECONDS) || formatting.process().exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka's log directory " + data + " failed");
            }
        }
        List<String> run = new java.util.ArrayList<>(jvm);
        run.addAll(List.of(KafkaBroker.class.getName(), config.toString()));
        return ChildProcess.start("kafka", run, Map.of(), directory, console);
    }

    /** Waits until the broker answers a metadata request. */
    public static void awaitReady(ChildProcess broker, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited during start-up (see its output above)");
            }
            if (portOpen(port)) {
                try (Admin admin = Admin.create(Map.of(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // keep waiting
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Kafka broker was not ready within " + timeout.toSeconds() + " s");
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writeConfig(Path config, Path data, int port, int controllerPort) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("log.dirs", data.toString());
        properties.setProperty("num.partitions", "6");
        properties.setProperty("default.replication.factor", "1");
        properties.setProperty("min.insync.replicas", "1");
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        // Keyward creates its topics itself, with their retention; a typo must not create a new topic.
        properties.setProperty("auto.create.topics.enable", "false");
        try (var out = Files.newBufferedWriter(config)) {
            properties.store(out, "Keyward local stack: single-node Kafka in KRaft mode (generated at each start)");
        }
    }
}
