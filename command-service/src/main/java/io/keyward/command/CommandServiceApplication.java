package io.keyward.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side: REST commands to aggregates to events in PostgreSQL, and the Kafka publisher. */
@SpringBootApplication
public class CommandServiceApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
