package io.keyward.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB wire-protocol server (mongo-java-server) with its H2 backend, so read models survive restarts. The
 * services reach it only through the MongoDB driver, exactly as they would a real MongoDB.
 */
public final class MongoWireStore implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private MongoWireStore(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static MongoWireStore start(Path directory, String host, int port) throws IOException {
        Files.createDirectories(directory);
        H2Backend backend = new H2Backend(directory.resolve("keyward.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind(host, port);
        return new MongoWireStore(server, port);
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown(); // also closes the H2 backend, flushing it to disk
    }
}
