package io.keyward.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.service.upcasting.PersonalAccessTokenRevokedEvent1_to_2Upcaster;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

/** Stored events of every revision still replay: fixtures of each revision, read through the upcaster chain. */
class UpcastingTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
            .build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(
            new PersonalAccessTokenRevokedEvent1_to_2Upcaster());

    private PersonalAccessTokenRevokedEvent replay(String fixture, String revision) throws Exception {
        byte[] payload;
        try (InputStream in = getClass().getResourceAsStream("/events/" + fixture)) {
            payload = in.readAllBytes();
        }
        DomainEventData<byte[]> stored = new GenericDomainEventEntry<>("UserAccount", "386935194638094336", 3,
                "stored-id", Instant.parse("2026-12-03T17:42:19.313Z"),
                PersonalAccessTokenRevokedEvent.class.getTypeName(), revision, payload, "{}".getBytes());
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), serializer, upcasters).asStream().toList();
        assertThat(messages).hasSize(1);
        return (PersonalAccessTokenRevokedEvent) messages.get(0).getPayload();
    }

    @Test
    void revisionOneReplaysWithAnUnknownExpiration() throws Exception {
        PersonalAccessTokenRevokedEvent event = replay("PersonalAccessTokenRevokedEvent-1.json", "1");

        assertThat(event.credentialId()).isEqualTo("386935194638094337");
        assertThat(event.reason()).isEqualTo(RevocationReason.DELETED);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-03T17:42:19.313Z"));
        assertThat(event.expirationDate()).isNull();
    }

    @Test
    void revisionTwoReplaysAsStored() throws Exception {
        PersonalAccessTokenRevokedEvent event = replay("PersonalAccessTokenRevokedEvent-2.json", "2");

        assertThat(event.reason()).isEqualTo(RevocationReason.ROTATED);
        assertThat(event.expirationDate()).isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    }
}
