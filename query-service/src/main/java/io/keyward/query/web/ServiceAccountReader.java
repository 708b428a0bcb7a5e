package io.keyward.query.web;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ReadModels;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads service accounts from their read model, always within one tenant, after the read-your-writes check. */
@Component
public class ServiceAccountReader {

    private final MongoCollection<Document> accounts;
    private final ReadConsistency consistency;

    public ServiceAccountReader(MongoDatabase database, ReadConsistency consistency) {
        this.accounts = database.getCollection(ReadModels.SERVICE_ACCOUNTS);
        this.consistency = consistency;
    }

    public Optional<ServiceAccountView> find(String tenantId, String machineUserId) {
        consistency.awaitCaughtUp();
        return Optional.ofNullable(accounts.find(and(eq("_id", machineUserId), eq("tenantId", tenantId))).first())
                .map(ServiceAccountReader::view);
    }

    static ServiceAccountView view(Document document) {
        return new ServiceAccountView(
                document.getString("_id"),
                document.getString("username"),
                document.getString("name"),
                document.getString("description"),
                document.getString("accessTokenType"),
                document.getList("roles", String.class, List.of()),
                instant(document.getDate("createdAt")),
                instant(document.getDate("updatedAt")));
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
