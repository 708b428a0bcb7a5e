package io.keyward.bench.load;

import java.time.Duration;

/**
 * How to drive a scenario: {@code connections} keep-alive clients, a warm-up whose samples are dropped, then a
 * measured period. With {@code rate} 0 the model is closed (each client sends its next request as soon as the
 * previous one is answered: the most the system does); with a rate the model is open: operations are scheduled at
 * that fixed rate and each latency counts from the operation's scheduled start, so a stall is charged to every
 * operation it delayed (no coordinated omission).
 */
public record LoadSpec(int connections, Duration warmup, Duration duration, double rate) {

    public LoadSpec {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
    }

    public static LoadSpec closed(int connections, Duration warmup, Duration duration) {
        return new LoadSpec(connections, warmup, duration, 0);
    }

    public static LoadSpec fixedRate(double rate, int connections, Duration warmup, Duration duration) {
        return new LoadSpec(connections, warmup, duration, rate);
    }

    public boolean isOpen() {
        return rate > 0;
    }

    public String describe() {
        return (isOpen() ? String.format("%.0f/s fixed rate, ", rate) : "closed, ") + connections + " connections, "
                + warmup.toSeconds() + " s warm-up, " + duration.toSeconds() + " s measured";
    }
}
