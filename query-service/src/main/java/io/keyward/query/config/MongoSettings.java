package io.keyward.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The MongoDB holding the read models ({@code keyward.mongo.*}).
 *
 * @param uri      connection string ({@code KEYWARD_MONGO_URI}); a replica set in production
 * @param database database name
 */
@ConfigurationProperties("keyward.mongo")
public record MongoSettings(
        @DefaultValue("mongodb://127.0.0.1:27018") String uri,
        @DefaultValue("keyward") String database) {
}
