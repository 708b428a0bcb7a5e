package io.keyward.query.consistency;

import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Read-your-writes across processes: before a query reads a read model, it waits until the model's projection has
 * processed every event that was committed when the query arrived. A client that got a 201 from the
 * command-service and then asks here therefore never gets a 404 for what it just created, nor sees a PAT after its
 * DELETE returned, whichever instance answers.
 *
 * <p>The projection's position is read from the shared token store (so this works with several query-service
 * instances, only one of which runs the projection), and gaps are honoured: an event that committed late, below
 * the position, is waited for too. Normally the projection is caught up and the check costs one small query.</p>
 */
public class ReadConsistency {

    private static final Logger log = LoggerFactory.getLogger(ReadConsistency.class);
    private static final String POSITION = """
            SELECT (SELECT max(globalindex) FROM domainevententry) AS head, t.token, t.tokentype
              FROM (SELECT 1) AS one
              LEFT JOIN tokenentry t ON t.processorname = ? AND t.segment = 0""";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String processorName;
    private final Duration timeout;

    public ReadConsistency(JdbcTemplate jdbc, Serializer serializer, String processorName, Duration timeout) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processorName = processorName;
        this.timeout = timeout;
    }

    /** Waits (up to the timeout) until the projection covers everything committed before this call. */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Long head = null;
        long pause = 1;
        while (true) {
            Snapshot snapshot = jdbc.queryForObject(POSITION, (rs, row) -> new Snapshot(
                    rs.getObject("head") == null ? -1 : rs.getLong("head"),
                    rs.getBytes("token"), rs.getString("tokentype")), processorName);
            if (head == null) {
                head = snapshot.head();
            }
            if (covers(snapshot, head)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Projection {} has not caught up with event {} within {}; answering from it anyway",
                        processorName, head, timeout);
                return;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private boolean covers(Snapshot snapshot, long head) {
        if (head < 0) {
            return true;
        }
        if (snapshot.token() == null) {
            return false;
        }
        TrackingToken token = serializer.deserialize(
                new SimpleSerializedObject<>(snapshot.token(), byte[].class, snapshot.tokenType(), null));
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        if (!(position instanceof GapAwareTrackingToken gapAware)) {
            return position != null && position.position().orElse(-1) >= head;
        }
        if (gapAware.getIndex() < head) {
            return false;
        }
        SortedSet<Long> gaps = gapAware.getGaps().headSet(head + 1);
        if (gaps.isEmpty()) {
            return true;
        }
        // A gap is either a transaction still in flight when the query arrived (not ours to wait for) or an event
        // that has committed since and is not yet processed (ours to wait for).
        List<Long> committed = jdbc.queryForList(
                "SELECT globalindex FROM domainevententry WHERE globalindex = ANY (?)", Long.class,
                (Object) gaps.toArray(new Long[0]));
        return committed.isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Snapshot(long head, byte[] token, String tokenType) {
    }
}
