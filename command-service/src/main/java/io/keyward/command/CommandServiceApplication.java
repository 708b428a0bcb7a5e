package io.keyward.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The write side: REST commands to aggregates to events in PostgreSQL, and the Kafka publisher. */
@SpringBootApplication
@EnableScheduling
public class CommandServiceApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
