package io.keyward.query.projection;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
import io.keyward.identity.Role;
import io.keyward.identity.Usernames;
import java.util.Date;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;

/** Projects human users into one generation of the read models, beside the service accounts. */
public class HumanUserProjection {

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> patIds;

    public HumanUserProjection(MongoDatabase database, ReadModelNames names) {
        this.users = database.getCollection(names.humanUsers());
        this.patIds = database.getCollection(names.patIds());
    }

    @EventHandler
    void on(HumanUserRegisteredEvent event) {
        Document user = new Document("tenantId", event.tenantId())
                .append("username", event.username())
                .append("usernameKey", Usernames.key(event.username()))
                .append("name", event.name())
                .append("email", event.email())
                .append("roles", event.roles().stream().map(Role::value).toList())
                .append("createdAt", Date.from(event.occurredAt()));
        MongoWrites.add(users, new UpdateOneModel<>(eq("_id", event.userId()), new Document("$setOnInsert", user),
                new UpdateOptions().upsert(true)));
    }

    @EventHandler
    void on(HumanUserDeletedEvent event) {
        MongoWrites.add(users, new DeleteOneModel<>(eq("_id", event.userId())));
        MongoWrites.add(patIds, new DeleteOneModel<>(eq("_id", event.userId())));
    }
}
