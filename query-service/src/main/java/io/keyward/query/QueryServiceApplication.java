package io.keyward.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side: MongoDB read models projected from the event store, and the search and get endpoints. */
@SpringBootApplication
public class QueryServiceApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
