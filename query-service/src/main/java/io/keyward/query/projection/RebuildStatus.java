package io.keyward.query.projection;

/**
 * Where a rebuild of the read models stands.
 *
 * @param state            {@code idle}, {@code running}, {@code completed} or {@code failed}
 * @param fromGeneration   the generation that served reads when the rebuild started
 * @param toGeneration     the generation being built (serving reads once completed)
 * @param eventsDone       events replayed so far (global position reached)
 * @param eventsTotal      events in the store when the rebuild started
 * @param eventsPerSecond  replay speed so far
 * @param secondsLeft      estimated time to catch up, at that speed
 * @param startedAt        RFC 3339
 * @param completedAt      RFC 3339, once completed or failed
 * @param detail           what went wrong, if it failed
 */
public record RebuildStatus(
        String state,
        Integer fromGeneration,
        Integer toGeneration,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        Long secondsLeft,
        String startedAt,
        String completedAt,
        String detail) {

    static RebuildStatus idle(int generation) {
        return new RebuildStatus("idle", generation, null, 0, 0, 0, null, null, null, null);
    }
}
