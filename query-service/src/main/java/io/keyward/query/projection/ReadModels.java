package io.keyward.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The generation of the read models that queries read now. Switched at once, as a whole, when a rebuilt generation
 * takes over.
 */
public class ReadModels {

    private final MongoDatabase database;
    private volatile Active active;

    public ReadModels(MongoDatabase database) {
        this.database = database;
    }

    void activate(ReadModelNames names) {
        active = new Active(names, database.getCollection(names.serviceAccounts()),
                database.getCollection(names.personalAccessTokens()), database.getCollection(names.patIds()),
                database.getCollection(names.humanUsers()));
    }

    public ReadModelNames names() {
        return active().names();
    }

    public MongoCollection<Document> serviceAccounts() {
        return active().serviceAccounts();
    }

    public MongoCollection<Document> personalAccessTokens() {
        return active().personalAccessTokens();
    }

    public MongoCollection<Document> patIds() {
        return active().patIds();
    }

    public MongoCollection<Document> humanUsers() {
        return active().humanUsers();
    }

    private Active active() {
        Active current = active;
        if (current == null) {
            throw new IllegalStateException("the read models are not started yet");
        }
        return current;
    }

    private record Active(ReadModelNames names, MongoCollection<Document> serviceAccounts,
                          MongoCollection<Document> personalAccessTokens, MongoCollection<Document> patIds,
                          MongoCollection<Document> humanUsers) {
    }
}
