package io.keyward.infra;

/**
 * Entry point of the Kafka broker process: Apache Kafka's own {@code kafka.Kafka} (KRaft, from the Maven jars),
 * plus a watchdog that stops the broker if the launcher that started it dies.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) {
        ParentWatchdog.watch();
        kafka.Kafka.main(args);
    }
}
