package io.keyward.command.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Counting and timing of one run of an operation, reported as an {@link OperationStatus}. */
final class Progress {

    private final String operation;
    private final Clock clock;
    private final Instant startedAt;
    private volatile long total;
    private volatile long done;
    private volatile Instant completedAt;
    private volatile String failure;
    private volatile String detail;

    Progress(String operation, Clock clock, long total, String detail) {
        this.operation = operation;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.total = total;
        this.detail = detail;
    }

    void done(long done) {
        this.done = done;
    }

    void total(long total) {
        this.total = total;
    }

    void complete() {
        completedAt = clock.instant();
    }

    void fail(String why) {
        failure = why;
        completedAt = clock.instant();
    }

    boolean isRunning() {
        return completedAt == null;
    }

    OperationStatus status() {
        Instant end = completedAt == null ? clock.instant() : completedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double rate = done / seconds;
        Long left = completedAt != null ? Long.valueOf(0)
                : rate > 0 ? Long.valueOf(Math.round(Math.max(0, total - done) / rate)) : null;
        String state = failure != null ? "failed" : completedAt == null ? "running" : "completed";
        return new OperationStatus(operation, state, done, total, rate, left, startedAt.toString(),
                completedAt == null ? null : completedAt.toString(), failure != null ? failure : detail);
    }
}
