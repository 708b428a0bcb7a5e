package io.keyward.query.projection;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.Role;
import io.keyward.identity.Usernames;
import java.util.Date;
import java.util.Locale;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;

/**
 * Projects service accounts and the metadata of PATs into one generation of the read models. Every write is a
 * single-document, idempotent operation addressed by primary key (indexed on any MongoDB-wire server), applied in
 * event order, so a batch that is processed again lands in the same state. PAT metadata is kept for every user,
 * with a per-user list of PAT ids; listings first check that the account exists in the caller's tenant. An
 * account's PATs are all revoked (each with its own event) before it is deleted, so no PAT outlives its account.
 */
public class ServiceAccountProjection {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> pats;
    private final MongoCollection<Document> patIds;

    public ServiceAccountProjection(MongoDatabase database, ReadModelNames names) {
        this.accounts = database.getCollection(names.serviceAccounts());
        this.pats = database.getCollection(names.personalAccessTokens());
        this.patIds = database.getCollection(names.patIds());
        accounts.createIndex(Indexes.ascending("tenantId", "usernameKey"), new IndexOptions().unique(true));
    }

    @EventHandler
    void on(ServiceAccountCreatedEvent event, @SequenceNumber long sequence) {
        Document account = new Document("tenantId", event.tenantId())
                .append("username", event.username())
                .append("usernameKey", Usernames.key(event.username()))
                .append("name", event.name())
                .append("nameKey", event.name().toLowerCase(Locale.ROOT))
                .append("description", event.description())
                .append("accessTokenType", event.accessTokenType())
                .append("roles", event.roles().stream().map(Role::value).toList())
                .append("createdAt", Date.from(event.occurredAt()))
                .append("updatedAt", Date.from(event.occurredAt()))
                .append("version", sequence);
        MongoWrites.add(accounts, new UpdateOneModel<>(eq("_id", event.userId()),
                new Document("$setOnInsert", account), UPSERT));
    }

    @EventHandler
    void on(ServiceAccountUpdatedEvent event, @SequenceNumber long sequence) {
        MongoWrites.add(accounts, new UpdateOneModel<>(eq("_id", event.userId()),
                Updates.combine(
                        Updates.set("name", event.name()),
                        Updates.set("nameKey", event.name().toLowerCase(Locale.ROOT)),
                        Updates.set("description", event.description()),
                        Updates.set("updatedAt", Date.from(event.occurredAt())),
                        Updates.set("version", sequence))));
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event) {
        MongoWrites.add(accounts, new DeleteOneModel<>(eq("_id", event.userId())));
        MongoWrites.add(patIds, new DeleteOneModel<>(eq("_id", event.userId())));
    }

    @EventHandler
    void on(PersonalAccessTokenIssuedEvent event) {
        Document pat = new Document("tenantId", event.tenantId())
                .append("userId", event.userId())
                .append("name", event.name())
                .append("expirationDate", Date.from(event.expirationDate()))
                .append("rotatedFrom", event.rotatedFrom())
                .append("createdAt", Date.from(event.occurredAt()));
        MongoWrites.add(pats, new UpdateOneModel<>(eq("_id", event.credentialId()),
                new Document("$setOnInsert", pat), UPSERT));
        MongoWrites.add(patIds, new UpdateOneModel<>(eq("_id", event.userId()),
                Updates.addToSet("credentialIds", event.credentialId()), UPSERT));
    }

    @EventHandler
    void on(PersonalAccessTokenRevocationScheduledEvent event) {
        MongoWrites.add(pats, new UpdateOneModel<>(eq("_id", event.credentialId()),
                Updates.set("revokeAt", Date.from(event.revokeAt()))));
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent event) {
        MongoWrites.add(pats, new DeleteOneModel<>(eq("_id", event.credentialId())));
        MongoWrites.add(patIds, new UpdateOneModel<>(eq("_id", event.userId()),
                Updates.pull("credentialIds", event.credentialId())));
    }
}
