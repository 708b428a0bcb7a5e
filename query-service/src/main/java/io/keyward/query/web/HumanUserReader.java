package io.keyward.query.web;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ReadModels;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads human users, within one tenant, after the read-your-writes check. */
@Component
public class HumanUserReader {

    private final MongoCollection<Document> users;
    private final ReadConsistency consistency;

    public HumanUserReader(MongoDatabase database, ReadConsistency consistency) {
        this.users = database.getCollection(ReadModels.HUMAN_USERS);
        this.consistency = consistency;
    }

    public Optional<UserView> find(String tenantId, String userId) {
        consistency.awaitCaughtUp();
        return Optional.ofNullable(users.find(and(eq("_id", userId), eq("tenantId", tenantId))).first())
                .map(document -> new UserView(document.getString("_id"), document.getString("username"),
                        document.getString("name"), document.getString("email"),
                        document.getList("roles", String.class, List.of()),
                        ServiceAccountReader.instant(document.getDate("createdAt"))));
    }

    /** A human user as the API shows it. */
    public record UserView(String userId, String username, String name, String email, List<String> roles,
                           String createdAt) {
    }
}
