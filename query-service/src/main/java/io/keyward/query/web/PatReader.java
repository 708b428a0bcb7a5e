package io.keyward.query.web;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import io.keyward.query.projection.ReadModels;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lists the metadata of an account's active PATs (never a token, never a hash): id, name, creation, expiration,
 * scheduled end of a rotated PAT, and last use (time and address, from the usage table).
 */
@Component
public class PatReader {

    static final String TYPE = "pat";

    private final ReadModels readModels;
    private final JdbcTemplate jdbc;

    public PatReader(ReadModels readModels, JdbcTemplate jdbc) {
        this.readModels = readModels;
        this.jdbc = jdbc;
    }

    /**
     * The caller must have checked that the user exists in its tenant (which also ran the consistency check). The
     * user's PAT ids come from one document, the PATs by primary key: no scan, whatever the server.
     */
    public JsonApiPage list(String userId, String idAttribute, Paging paging) {
        Document owner = readModels.patIds().find(eq("_id", userId)).first();
        List<String> ids = owner == null ? List.of() : owner.getList("credentialIds", String.class, List.of());
        List<Document> documents = new ArrayList<>();
        if (!ids.isEmpty()) {
            readModels.personalAccessTokens().find(in("_id", ids)).into(documents);
        }
        documents.sort(Comparator.comparing((Document d) -> d.getDate("createdAt")).reversed()
                .thenComparing(d -> d.getString("_id"), Comparator.reverseOrder()));
        long total = documents.size();
        List<Document> page = documents.subList(Math.min(paging.skip(), documents.size()),
                Math.min(paging.skip() + paging.pageSize(), documents.size()));
        Map<Long, Usage> usage = usageOf(page.stream().map(d -> Long.parseLong(d.getString("_id"))).toList());
        List<JsonApiPage.Resource> resources = new ArrayList<>();
        for (Document document : page) {
            String credentialId = document.getString("_id");
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("credentialId", credentialId);
            attributes.put(idAttribute, userId);
            attributes.put("name", document.getString("name"));
            attributes.put("createdAt", ServiceAccountReader.instant(document.getDate("createdAt")));
            attributes.put("expirationDate", ServiceAccountReader.instant(document.getDate("expirationDate")));
            attributes.put("revokeAt", ServiceAccountReader.instant(document.getDate("revokeAt")));
            attributes.put("rotatedFrom", document.getString("rotatedFrom"));
            Usage used = usage.get(Long.parseLong(credentialId));
            if (used != null) {
                attributes.put("lastUsedAt", used.at().toInstant().toString());
                attributes.put("lastUsedAddress", used.address());
            }
            attributes.values().removeIf(java.util.Objects::isNull);
            resources.add(new JsonApiPage.Resource(TYPE, credentialId, attributes));
        }
        return new JsonApiPage(resources, new JsonApiPage.Meta(paging.page(), paging.pageSize(), total));
    }

    private Map<Long, Usage> usageOf(List<Long> credentialIds) {
        Map<Long, Usage> usage = new HashMap<>();
        if (credentialIds.isEmpty()) {
            return usage;
        }
        jdbc.query("SELECT credential_id, last_used_at, last_used_address FROM kw_credential_usage "
                        + "WHERE credential_id = ANY (?)",
                rs -> {
                    usage.put(rs.getLong(1), new Usage(rs.getTimestamp(2), rs.getString(3)));
                }, (Object) credentialIds.toArray(new Long[0]));
        return usage;
    }

    private record Usage(Timestamp at, String address) {
    }
}
