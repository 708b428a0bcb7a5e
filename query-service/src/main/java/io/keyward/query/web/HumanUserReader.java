package io.keyward.query.web;

import static com.mongodb.client.model.Filters.eq;

import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ReadModels;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads human users, within one tenant, after the read-your-writes check. */
@Component
public class HumanUserReader {

    private final ReadModels readModels;
    private final ReadConsistency consistency;

    public HumanUserReader(ReadModels readModels, ReadConsistency consistency) {
        this.readModels = readModels;
        this.consistency = consistency;
    }

    public Optional<UserView> find(String tenantId, String userId) {
        consistency.awaitCaughtUp();
        return Optional.ofNullable(readModels.humanUsers().find(eq("_id", userId)).first())
                .filter(user -> tenantId.equals(user.getString("tenantId")))
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
