package io.keyward.query.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MongoDB client, through mongodb-driver-sync only: any server speaking the wire protocol will do. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MongoSettings.class)
class MongoConfiguration {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(MongoSettings settings) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.uri()))
                .applicationName("keyward-query-service")
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, MongoSettings settings) {
        return client.getDatabase(settings.database());
    }

    @Bean("mongoHealthIndicator")
    MongoHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoHealthIndicator(database);
    }
}
