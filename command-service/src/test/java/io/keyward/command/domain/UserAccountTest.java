package io.keyward.command.domain;

import io.keyward.command.api.AccountState;
import io.keyward.command.api.CreateServiceAccountCommand;
import io.keyward.command.api.DeleteUserCommand;
import io.keyward.command.api.IssuePatCommand;
import io.keyward.command.api.NewPat;
import io.keyward.command.api.RegisterHumanUserCommand;
import io.keyward.command.api.RevokeAllPatsCommand;
import io.keyward.command.api.RevokePatCommand;
import io.keyward.command.api.RotatePatCommand;
import io.keyward.command.api.UpdateServiceAccountCommand;
import io.keyward.command.api.WarnPatExpiryCommand;
import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
import io.keyward.events.PersonalAccessTokenExpiryWarnedEvent;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.RevocationReason;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.events.ServiceAccountUpdatedEvent;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.web.ErrorCode;
import io.keyward.web.KeywardException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-31T23:59:59Z");
    private static final String TENANT = "tenant1";
    private static final String ID = "291606795498498048";
    private static final String ADMIN = "100";

    private AggregateTestFixture<UserAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserAccount.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static NewPat pat(String credentialId) {
        return new NewPat(credentialId, "hash-" + credentialId, null, EXPIRY);
    }

    private static ServiceAccountCreatedEvent created() {
        return new ServiceAccountCreatedEvent("e0", TENANT, ID, "streamer-export", "Streamer Export",
                "gNMI export", "Bearer", List.of(Role.SERVICE_ACCOUNT_MANAGER), ADMIN, NOW);
    }

    private static PersonalAccessTokenIssuedEvent issued(String credentialId) {
        return new PersonalAccessTokenIssuedEvent("e-" + credentialId, TENANT, ID, credentialId,
                "hash-" + credentialId, null, EXPIRY, null, ADMIN, NOW);
    }

    /** Events equal to {@code expected} in everything but their (random) event id. */
    private static Matcher<List<? super Object>> eventsLike(Object... expected) {
        return Matchers.exactSequenceOf(java.util.Arrays.stream(expected)
                .map(e -> Matchers.messageWithPayload(Matchers.matches(actual -> sameButId(e, actual))))
                .toArray(Matcher[]::new));
    }

    private static boolean sameButId(Object expected, Object actual) {
        if (expected.getClass() != actual.getClass()) {
            return false;
        }
        var components = expected.getClass().getRecordComponents();
        try {
            for (var component : components) {
                if (component.getName().equals("eventId")) {
                    Object id = component.getAccessor().invoke(actual);
                    if (!(id instanceof String s) || s.isBlank()) {
                        return false;
                    }
                    continue;
                }
                if (!java.util.Objects.equals(component.getAccessor().invoke(expected),
                        component.getAccessor().invoke(actual))) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Matcher<?> keywardError(ErrorCode code) {
        return Matchers.matches(e -> e instanceof KeywardException k && k.code() == code);
    }

    @Nested
    class Creating {

        @Test
        void aServiceAccountWithoutPat() {
            fixture.givenNoPriorActivity()
                    .when(new CreateServiceAccountCommand(ID, TENANT, "streamer-export", "Streamer Export",
                            "gNMI export", "Bearer", List.of(Role.SERVICE_ACCOUNT_MANAGER), null, ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(eventsLike(created()));
        }

        @Test
        void aServiceAccountWithItsFirstPat() {
            fixture.givenNoPriorActivity()
                    .when(new CreateServiceAccountCommand(ID, TENANT, "streamer-export", "Streamer Export",
                            "gNMI export", "Bearer", List.of(Role.SERVICE_ACCOUNT_MANAGER), pat("7"), ADMIN))
                    .expectEventsMatching(eventsLike(created(), issued("7")));
        }

        @Test
        void aHumanUserWithAPat() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterHumanUserCommand(ID, "system", "skylight-admin", "Skylight Admin", null,
                            List.of(Role.SKYLIGHT_ADMIN), new NewPat("9", "h", null, EXPIRY), "system"))
                    .expectEventsMatching(eventsLike(
                            new HumanUserRegisteredEvent("x", "system", ID, "skylight-admin", "Skylight Admin",
                                    null, List.of(Role.SKYLIGHT_ADMIN), "system", NOW),
                            new PersonalAccessTokenIssuedEvent("x", "system", ID, "9", "h", null, EXPIRY, null, "system",
                                    NOW)));
        }
    }

    @Nested
    class Updating {

        @Test
        void changesNameAndKeepsDescriptionWhenAbsent() {
            fixture.given(created())
                    .when(new UpdateServiceAccountCommand(ID, TENANT, "Streamer Export (Production)", null, ADMIN))
                    .expectResultMessagePayload(new AccountState(ID, "streamer-export",
                            "Streamer Export (Production)", "gNMI export"))
                    .expectEventsMatching(eventsLike(new ServiceAccountUpdatedEvent("x", TENANT, ID,
                            "Streamer Export (Production)", "gNMI export", ADMIN, NOW)));
        }

        @Test
        void withNothingNewEmitsNothing() {
            fixture.given(created())
                    .when(new UpdateServiceAccountCommand(ID, TENANT, "Streamer Export", "gNMI export", ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void inAnotherTenantIsNotFound() {
            fixture.given(created())
                    .when(new UpdateServiceAccountCommand(ID, "tenant2", "x", null, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aHumanUserAsServiceAccountIsNotFound() {
            fixture.given(new HumanUserRegisteredEvent("e", TENANT, ID, "alice", "Alice", null, List.of(), ADMIN,
                            NOW))
                    .when(new UpdateServiceAccountCommand(ID, TENANT, "x", null, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class Pats {

        @Test
        void issuesAnotherPat() {
            fixture.given(created(), issued("7"))
                    .when(new IssuePatCommand(ID, TENANT, UserKind.MACHINE, pat("8"), ADMIN))
                    .expectEventsMatching(eventsLike(issued("8")));
        }

        @Test
        void issuingInAnotherTenantIsNotFound() {
            fixture.given(created())
                    .when(new IssuePatCommand(ID, "tenant2", UserKind.MACHINE, pat("8"), ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }

        @Test
        void revokesAnActivePat() {
            fixture.given(created(), issued("7"))
                    .when(new RevokePatCommand(ID, TENANT, UserKind.MACHINE, "7", RevocationReason.DELETED, ADMIN))
                    .expectEventsMatching(eventsLike(new PersonalAccessTokenRevokedEvent("x", TENANT, ID, "7",
                            RevocationReason.DELETED, ADMIN, NOW, EXPIRY)));
        }

        @Test
        void revokingTwiceIsNotFound() {
            fixture.given(created(), issued("7"), new PersonalAccessTokenRevokedEvent("r", TENANT, ID, "7",
                            RevocationReason.DELETED, ADMIN, NOW, EXPIRY))
                    .when(new RevokePatCommand(ID, TENANT, UserKind.MACHINE, "7", RevocationReason.DELETED, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void revokingAnUnknownPatIsNotFound() {
            fixture.given(created(), issued("7"))
                    .when(new RevokePatCommand(ID, TENANT, UserKind.MACHINE, "8", RevocationReason.DELETED, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class Rotating {

        @Test
        void issuesTheNewPatAndRevokesTheOldOneAtOnce() {
            fixture.given(created(), issued("7"))
                    .when(new RotatePatCommand(ID, TENANT, UserKind.MACHINE, "7", pat("8"), null, ID))
                    .expectEventsMatching(eventsLike(
                            new PersonalAccessTokenIssuedEvent("x", TENANT, ID, "8", "hash-8", null, EXPIRY, "7", ID,
                                    NOW),
                            new PersonalAccessTokenRevokedEvent("x", TENANT, ID, "7", RevocationReason.ROTATED, ID,
                                    NOW, EXPIRY)));
        }

        @Test
        void withAGracePeriodSchedulesTheOldOnesRevocation() {
            Instant later = NOW.plusSeconds(3600);
            fixture.given(created(), issued("7"))
                    .when(new RotatePatCommand(ID, TENANT, UserKind.MACHINE, "7", pat("8"), later, ADMIN))
                    .expectEventsMatching(eventsLike(
                            new PersonalAccessTokenIssuedEvent("x", TENANT, ID, "8", "hash-8", null, EXPIRY, "7",
                                    ADMIN, NOW),
                            new PersonalAccessTokenRevocationScheduledEvent("x", TENANT, ID, "7", later,
                                    RevocationReason.ROTATED, ADMIN, NOW)));
        }

        @Test
        void aRevokedPatCannotBeRotated() {
            fixture.given(created(), issued("7"), new PersonalAccessTokenRevokedEvent("r", TENANT, ID, "7",
                            RevocationReason.DELETED, ADMIN, NOW, EXPIRY))
                    .when(new RotatePatCommand(ID, TENANT, UserKind.MACHINE, "7", pat("8"), null, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void inAnotherTenantIsNotFound() {
            fixture.given(created(), issued("7"))
                    .when(new RotatePatCommand(ID, "tenant2", UserKind.MACHINE, "7", pat("8"), null, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class RevokingAll {

        @Test
        void revokesEveryActivePatAndSaysWhich() {
            fixture.given(created(), issued("7"), issued("8"))
                    .when(new RevokeAllPatsCommand(ID, TENANT, UserKind.MACHINE, RevocationReason.DELETED, ADMIN))
                    .expectResultMessagePayload(List.of("7", "8"))
                    .expectEventsMatching(eventsLike(
                            new PersonalAccessTokenRevokedEvent("x", TENANT, ID, "7", RevocationReason.DELETED,
                                    ADMIN, NOW, EXPIRY),
                            new PersonalAccessTokenRevokedEvent("x", TENANT, ID, "8", RevocationReason.DELETED,
                                    ADMIN, NOW, EXPIRY)));
        }

        @Test
        void withNoPatsRevokesNothing() {
            fixture.given(created())
                    .when(new RevokeAllPatsCommand(ID, TENANT, UserKind.MACHINE, RevocationReason.DELETED, ADMIN))
                    .expectResultMessagePayload(List.of())
                    .expectNoEvents();
        }

        @Test
        void ofAHumanAsServiceAccountIsNotFound() {
            fixture.given(new HumanUserRegisteredEvent("e", TENANT, ID, "alice", "Alice", null, List.of(), ADMIN,
                            NOW))
                    .when(new RevokeAllPatsCommand(ID, TENANT, UserKind.MACHINE, RevocationReason.DELETED, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class ExpiryWarnings {

        @Test
        void warnsOncePerThreshold() {
            fixture.given(created(), issued("7"))
                    .when(new WarnPatExpiryCommand(ID, TENANT, "7", 30, "system"))
                    .expectEventsMatching(eventsLike(new PersonalAccessTokenExpiryWarnedEvent("x", TENANT, ID, "7",
                            EXPIRY, 30, "system", NOW)));
        }

        @Test
        void aWarningAlreadyGivenIsNotRepeated() {
            fixture.given(created(), issued("7"), new PersonalAccessTokenExpiryWarnedEvent("w", TENANT, ID, "7",
                            EXPIRY, 30, "system", NOW))
                    .when(new WarnPatExpiryCommand(ID, TENANT, "7", 30, "system"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRevokedPatIsNotWarnedAbout() {
            fixture.given(created(), issued("7"), new PersonalAccessTokenRevokedEvent("r", TENANT, ID, "7",
                            RevocationReason.DELETED, ADMIN, NOW, EXPIRY))
                    .when(new WarnPatExpiryCommand(ID, TENANT, "7", 7, "system"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void inAnotherTenantIsNotFound() {
            fixture.given(created(), issued("7"))
                    .when(new WarnPatExpiryCommand(ID, "tenant2", "7", 7, "system"))
                    .expectException(keywardError(ErrorCode.NOT_FOUND));
        }
    }

    @Nested
    class Deleting {

        @Test
        void revokesEveryActivePatThenDeletesTheAccount() {
            fixture.given(created(), issued("7"), issued("8"), new PersonalAccessTokenRevokedEvent("r", TENANT, ID,
                            "8", RevocationReason.DELETED, ADMIN, NOW, EXPIRY))
                    .when(new DeleteUserCommand(ID, TENANT, UserKind.MACHINE, ADMIN))
                    .expectEventsMatching(eventsLike(
                            new PersonalAccessTokenRevokedEvent("x", TENANT, ID, "7",
                                    RevocationReason.ACCOUNT_DELETED, ADMIN, NOW, EXPIRY),
                            new ServiceAccountDeletedEvent("x", TENANT, ID, "streamer-export", ADMIN, NOW)))
                    .expectMarkedDeleted();
        }

        @Test
        void deletesAHumanUser() {
            fixture.given(new HumanUserRegisteredEvent("e", TENANT, ID, "alice", "Alice", null, List.of(), ADMIN,
                            NOW))
                    .when(new DeleteUserCommand(ID, TENANT, UserKind.HUMAN, ADMIN))
                    .expectEventsMatching(eventsLike(new HumanUserDeletedEvent("x", TENANT, ID, "alice", ADMIN,
                            NOW)))
                    .expectMarkedDeleted();
        }

        @Test
        void inAnotherTenantIsNotFound() {
            fixture.given(created())
                    .when(new DeleteUserCommand(ID, "tenant2", UserKind.MACHINE, ADMIN))
                    .expectException(keywardError(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void aDeletedAccountTakesNoMoreCommands() {
            fixture.given(created(), new ServiceAccountDeletedEvent("d", TENANT, ID, "streamer-export", ADMIN, NOW))
                    .when(new IssuePatCommand(ID, TENANT, UserKind.MACHINE, pat("9"), ADMIN))
                    .expectException(org.axonframework.eventsourcing.AggregateDeletedException.class);
        }
    }
}
