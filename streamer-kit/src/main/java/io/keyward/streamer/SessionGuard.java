package io.keyward.streamer;

import io.keyward.kafka.RevocationRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a streaming server embeds to tie each client session to the PAT it opened with: the PAT is checked once, by
 * introspection, when the session opens; from then on the session is kept under the PAT's credential id and cut
 * (its {@code onCut} runs) the moment a revocation of that credential arrives on the revocation topic, or when the
 * PAT expires. A PAT already on the deny-list is never admitted, even if introspection were briefly stale.
 */
public final class SessionGuard implements AutoCloseable {

    private final Introspector introspector;
    private final RevocationFeed feed;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor expiries = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "keyward-session-expiry");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Set<Session>> sessions = new ConcurrentHashMap<>();
    private final AtomicLong cuts = new AtomicLong();

    public SessionGuard(Introspector introspector, RevocationFeed feed, Clock clock) {
        this.introspector = introspector;
        this.feed = feed;
        this.clock = clock;
        this.expiries.setRemoveOnCancelPolicy(true);
        feed.onRevocation(this::revoked);
    }

    /**
     * Opens a session for a client presenting {@code pat}, or refuses it.
     *
     * @param onCut run once, when the session must end (revocation or expiry); close the client's connection there
     */
    public Session admit(String pat, Runnable onCut) throws Refused {
        if (!feed.isCaughtUp()) {
            throw new Refused("the revocation deny-list is not loaded yet");
        }
        TokenInfo token = introspector.introspect(pat);
        if (!token.active()) {
            throw new Refused("the PAT is not active");
        }
        Session session = new Session(token, onCut);
        sessions.computeIfAbsent(token.credentialId(), id -> ConcurrentHashMap.newKeySet()).add(session);
        // A revocation may have arrived between the introspection and the registration.
        if (feed.isRevoked(token.credentialId())) {
            session.cut();
            throw new Refused("the PAT is revoked");
        }
        long untilExpiry = Math.max(0, Duration.between(clock.instant(), token.expiresAt()).toMillis());
        session.expiry = expiries.schedule(session::cut, untilExpiry, TimeUnit.MILLISECONDS);
        return session;
    }

    private void revoked(RevocationRecord revocation) {
        Set<Session> cut = sessions.remove(revocation.credentialId());
        if (cut != null) {
            cut.forEach(Session::cut);
        }
    }

    /** Live sessions. */
    public int sessionCount() {
        return sessions.values().stream().mapToInt(Set::size).sum();
    }

    /** Sessions cut so far. */
    public long cutCount() {
        return cuts.get();
    }

    @Override
    public void close() {
        expiries.shutdownNow();
    }

    /** A client's session, open until cut or closed. */
    public final class Session implements AutoCloseable {

        private final TokenInfo token;
        private final Runnable onCut;
        private final AtomicBoolean open = new AtomicBoolean(true);
        private volatile ScheduledFuture<?> expiry;

        private Session(TokenInfo token, Runnable onCut) {
            this.token = token;
            this.onCut = onCut;
        }

        public TokenInfo token() {
            return token;
        }

        public boolean isOpen() {
            return open.get();
        }

        void cut() {
            if (open.compareAndSet(true, false)) {
                remove();
                cuts.incrementAndGet();
                onCut.run();
            }
        }

        /** The client went away by itself. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                remove();
            }
        }

        private void remove() {
            if (expiry != null) {
                expiry.cancel(false);
            }
            Set<Session> ofCredential = sessions.get(token.credentialId());
            if (ofCredential != null) {
                ofCredential.remove(this);
            }
        }
    }

    /** A client that may not open a session. */
    public static final class Refused extends Exception {

        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
