package io.keyward.service.axon;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a tracking processor stands, read from the shared token store (so it is right whichever instance runs the
 * processor), against the newest event of the store. One query.
 */
public class ProcessorPositions {

    private static final String POSITION = """
            SELECT (SELECT max(globalindex) FROM domainevententry) AS head, t.token, t.tokentype
              FROM (SELECT 1) AS one
              LEFT JOIN tokenentry t ON t.processorname = ? AND t.segment = 0""";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    /** The last token read and what it deserialized to: a token changes only when its processor moves on. */
    private volatile Decoded last;

    private record Decoded(String type, byte[] bytes, TrackingToken token) {
    }

    public ProcessorPositions(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public Position read(String processor) {
        return jdbc.queryForObject(POSITION, (rs, row) -> {
            long head = rs.getObject("head") == null ? -1 : rs.getLong("head");
            byte[] token = rs.getBytes("token");
            return new Position(head, token == null ? null : decode(rs.getString("tokentype"), token));
        }, processor);
    }

    private TrackingToken decode(String type, byte[] bytes) {
        Decoded cached = last;
        if (cached != null && cached.type().equals(type) && java.util.Arrays.equals(cached.bytes(), bytes)) {
            return cached.token();
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(serializer.deserialize(
                new SimpleSerializedObject<>(bytes, byte[].class, type, null)));
        last = new Decoded(type, bytes, token);
        return token;
    }

    /** The time of the oldest event after {@code index}, if any. */
    public Instant timeOfEventAfter(long index) {
        List<String> times = jdbc.queryForList(
                "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1",
                String.class, index);
        return times.isEmpty() ? null : Instant.parse(times.get(0));
    }

    /** Which of {@code indexes} are committed events. */
    public List<Long> committed(Long[] indexes) {
        return jdbc.queryForList("SELECT globalindex FROM domainevententry WHERE globalindex = ANY (?)", Long.class,
                (Object) indexes);
    }

    /**
     * Whether {@code position} has processed every event committed up to {@code head}. A gap below the head is
     * either a transaction still in flight or rolled back (not waited for) or an event that committed late and is
     * not processed yet (waited for).
     */
    public boolean covers(TrackingToken position, long head) {
        if (head < 0) {
            return true;
        }
        if (position == null) {
            return false;
        }
        if (!(position instanceof GapAwareTrackingToken gapAware)) {
            return position.position().orElse(-1) >= head;
        }
        if (gapAware.getIndex() < head) {
            return false;
        }
        java.util.SortedSet<Long> gaps = gapAware.getGaps().headSet(head + 1);
        return gaps.isEmpty() || committed(gaps.toArray(new Long[0])).isEmpty();
    }

    /**
     * @param head  the newest committed event's global index, -1 for an empty store
     * @param token the processor's position, null before its first event
     */
    public record Position(long head, TrackingToken token) {

        /** The index up to which the processor has gone (with possible gaps below), -1 if nowhere yet. */
        public long index() {
            if (token instanceof GapAwareTrackingToken gapAware) {
                return gapAware.getIndex();
            }
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            return position.orElse(-1);
        }

        /** Events the processor has yet to reach. */
        public long lag() {
            return Math.max(0, head - index());
        }
    }
}
