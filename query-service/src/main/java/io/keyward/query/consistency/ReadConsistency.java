package io.keyward.query.consistency;

import io.keyward.service.axon.ProcessorPositions;
import java.time.Duration;
import java.util.SortedSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final ProcessorPositions positions;
    private final String processorName;
    private final Duration timeout;

    public ReadConsistency(ProcessorPositions positions, String processorName, Duration timeout) {
        this.positions = positions;
        this.processorName = processorName;
        this.timeout = timeout;
    }

    /** Waits (up to the timeout) until the projection covers everything committed before this call. */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Long head = null;
        long pause = 1;
        while (true) {
            ProcessorPositions.Position position = positions.read(processorName);
            if (head == null) {
                head = position.head();
            }
            if (covers(position.token(), head)) {
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

    private boolean covers(TrackingToken position, long head) {
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
        SortedSet<Long> gaps = gapAware.getGaps().headSet(head + 1);
        // A gap is either a transaction still in flight when the query arrived (not ours to wait for) or an event
        // that has committed since and is not yet processed (ours to wait for).
        return gaps.isEmpty() || positions.committed(gaps.toArray(new Long[0])).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
