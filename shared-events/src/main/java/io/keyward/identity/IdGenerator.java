package io.keyward.identity;

import java.time.Clock;
import java.time.Instant;

/**
 * 63-bit, time-ordered, unique ids written as decimal strings ({@code machineUserId}, {@code credentialId}, user ids).
 *
 * <p>Layout, most significant first: 41 bits of milliseconds since {@link #EPOCH} (69 years), 10 bits of node id, 12
 * bits of a per-millisecond sequence. Ids from one generator are strictly increasing; generators on different nodes
 * never collide as long as their node ids differ. Thread-safe.</p>
 */
public final class IdGenerator {

    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    public static final int NODE_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE_ID = (1 << NODE_BITS) - 1;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    private final Clock clock;
    private final long node;
    private long lastMillis = -1;
    private long sequence;

    public IdGenerator(int nodeId) {
        this(nodeId, Clock.systemUTC());
    }

    public IdGenerator(int nodeId, Clock clock) {
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("node id must be within 0.." + MAX_NODE_ID);
        }
        this.node = nodeId;
        this.clock = clock;
    }

    /** The next id as a long (always positive). */
    public synchronized long nextLong() {
        long millis = Math.max(clock.millis() - EPOCH.toEpochMilli(), lastMillis);
        if (millis == lastMillis) {
            sequence = (sequence + 1) & MAX_SEQUENCE;
            if (sequence == 0) {
                // 4096 ids in one millisecond: borrow the next one rather than wait (the clock catches up).
                millis++;
            }
        } else {
            sequence = 0;
        }
        lastMillis = millis;
        return (millis << (NODE_BITS + SEQUENCE_BITS)) | (node << SEQUENCE_BITS) | sequence;
    }

    /** The next id as the decimal string the API shows. */
    public String next() {
        return Long.toString(nextLong());
    }

    /** When an id was generated (to the millisecond). */
    public static Instant timestampOf(long id) {
        return EPOCH.plusMillis(id >>> (NODE_BITS + SEQUENCE_BITS));
    }

    /** Whether {@code text} is a well-formed id: a positive decimal that fits in 63 bits. */
    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        try {
            return Long.parseLong(text) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
