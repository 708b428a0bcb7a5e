package io.keyward.query.web;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ReadModels;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads service accounts from their read model, always within one tenant, after the read-your-writes check. */
@Component
public class ServiceAccountReader {

    static final String TYPE = "serviceaccount";

    private final ReadModels readModels;
    private final ReadConsistency consistency;

    public ServiceAccountReader(ReadModels readModels, ReadConsistency consistency) {
        this.readModels = readModels;
        this.consistency = consistency;
    }

    public Optional<ServiceAccountView> find(String tenantId, String machineUserId) {
        consistency.awaitCaughtUp();
        // by primary key alone (an index on any MongoDB-wire server), then the tenant
        return Optional.ofNullable(readModels.serviceAccounts().find(eq("_id", machineUserId)).first())
                .filter(account -> tenantId.equals(account.getString("tenantId")))
                .map(ServiceAccountReader::view);
    }

    /** Whether the account exists in the tenant (after the read-your-writes check). */
    public boolean exists(String tenantId, String machineUserId) {
        return find(tenantId, machineUserId).isPresent();
    }

    public JsonApiPage search(String tenantId, SearchRequest request, Paging paging) {
        consistency.awaitCaughtUp();
        List<Bson> filters = new ArrayList<>();
        filters.add(eq("tenantId", tenantId));
        SearchRequest.Filter username = request == null ? null : request.usernameFilter();
        if (username != null) {
            filters.add(match("usernameKey", username.value(), username.parsedOperator("username")));
        }
        SearchRequest.Filter name = request == null ? null : request.nameFilter();
        if (name != null) {
            filters.add(match("nameKey", name.value(), name.parsedOperator("name")));
        }
        Bson filter = and(filters);
        MongoCollection<Document> accounts = readModels.serviceAccounts();
        long total = accounts.countDocuments(filter);
        List<JsonApiPage.Resource> page = new ArrayList<>();
        accounts.find(filter).sort(Sorts.ascending("usernameKey")).skip(paging.skip()).limit(paging.pageSize())
                .forEach(document -> page.add(resource(view(document))));
        return new JsonApiPage(page, new JsonApiPage.Meta(paging.page(), paging.pageSize(), total));
    }

    private static Bson match(String field, String value, SearchRequest.Operator operator) {
        String key = value.toLowerCase(Locale.ROOT);
        return switch (operator) {
            case EQUALS -> eq(field, key);
            case STARTS_WITH -> regex(field, "^" + Pattern.quote(key));
            case CONTAINS -> regex(field, Pattern.quote(key));
        };
    }

    static JsonApiPage.Resource resource(ServiceAccountView view) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("machineUserId", view.machineUserId());
        attributes.put("username", view.username());
        attributes.put("name", view.name());
        attributes.put("description", view.description());
        attributes.put("accessTokenType", view.accessTokenType());
        attributes.put("roles", view.roles());
        attributes.put("createdAt", view.createdAt());
        attributes.put("updatedAt", view.updatedAt());
        attributes.values().removeIf(java.util.Objects::isNull);
        return new JsonApiPage.Resource(TYPE, view.machineUserId(), attributes);
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

    static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
