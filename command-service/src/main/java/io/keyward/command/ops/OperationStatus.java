package io.keyward.command.ops;

/**
 * Where a long-running operation (a rebuild of the lookups, a re-publication) stands.
 *
 * @param operation       what runs
 * @param state           {@code idle}, {@code running}, {@code completed} or {@code failed}
 * @param eventsDone      events handled so far
 * @param eventsTotal     events to handle (as far as known when it started)
 * @param eventsPerSecond speed so far
 * @param secondsLeft     estimate, at that speed
 * @param startedAt       RFC 3339
 * @param completedAt     RFC 3339
 * @param detail          context, or what went wrong
 */
public record OperationStatus(
        String operation,
        String state,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        Long secondsLeft,
        String startedAt,
        String completedAt,
        String detail) {
}
