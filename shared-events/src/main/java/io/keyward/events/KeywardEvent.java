package io.keyward.events;

import java.time.Instant;

/**
 * What every Keyward domain event carries. Events are a persisted contract: each has a stable type name and a
 * revision; a changed shape gets an upcaster. No event ever carries a token or anything from which one follows.
 */
public interface KeywardEvent {

    /** Stable id of this event, unique across the store; SIEMs dedupe on it. */
    String eventId();

    /** The tenant the event belongs to. */
    String tenantId();

    /** The user (service account or human) the event is about; the aggregate id and the Kafka key. */
    String userId();

    /** Who caused it: a user id, or {@link #SYSTEM_ACTOR} for Keyward itself. */
    String actorId();

    /** When it happened. */
    Instant occurredAt();

    /** The actor id of changes Keyward makes itself (bootstrap, expiry). */
    String SYSTEM_ACTOR = "system";
}
