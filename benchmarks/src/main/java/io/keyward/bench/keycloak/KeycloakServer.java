package io.keyward.bench.keycloak;

import io.keyward.bench.ManagedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The peer: Keycloak's Quarkus distribution (the zip from Maven Central), unpacked afresh and started in dev mode
 * on loopback with a Java 21+ runtime, as its documentation starts it: {@code kc.sh start-dev} with the local cache
 * and the dev-file database, and a bootstrap admin.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String ADMIN = "admin";

    private final ManagedProcess process;
    private final int port;
    private final String adminPassword;
    private final Duration startup;

    private KeycloakServer(ManagedProcess process, int port, String adminPassword, Duration startup) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.startup = startup;
    }

    public static KeycloakServer start(Path distributionZip, Path workDirectory, Path javaHome) throws Exception {
        Path home = unpack(distributionZip, workDirectory.resolve("keycloak"));
        int port = ManagedProcess.freePort();
        int managementPort = ManagedProcess.freePort();
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        ManagedProcess process = ManagedProcess.start("keycloak", List.of("bash", home.resolve("bin/kc.sh").toString(),
                        "start-dev", "--http-host=127.0.0.1", "--http-port=" + port,
                        "--http-management-port=" + managementPort, "--cache=local", "--db=dev-file"),
                Map.of("JAVA_HOME", javaHome.toString(), "PATH", javaHome.resolve("bin") + ":"
                                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword),
                home, workDirectory.resolve("keycloak.log"));
        try {
            Duration startup = process.awaitReady("http://127.0.0.1:" + port + "/realms/master",
                    status -> status == 200, Duration.ofSeconds(240));
            return new KeycloakServer(process, port, adminPassword, startup);
        } catch (Exception e) {
            process.close();
            throw e;
        }
    }

    /** Unpacks the distribution into {@code target} (replacing an earlier copy); returns its home directory. */
    static Path unpack(Path zip, Path target) throws IOException {
        if (Files.exists(target)) {
            try (var paths = Files.walk(target)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Path home = null;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("unsafe path in the archive: " + entry.getName());
                }
                if (home == null) {
                    home = target.resolve(Path.of(entry.getName()).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (path.toString().endsWith(".sh")) {
                        path.toFile().setExecutable(true);
                    }
                }
            }
        }
        if (home == null || !Files.exists(home.resolve("bin/kc.sh"))) {
            throw new IOException(zip + " is not a Keycloak distribution");
        }
        return home;
    }

    public int port() {
        return port;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Duration startup() {
        return startup;
    }

    /** Resident memory of Keycloak's JVM. */
    public Map<String, ManagedProcess.Memory> memory() {
        return process.memory(Map.of("keycloak", "io.quarkus.bootstrap.runner.QuarkusEntryPoint"));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
