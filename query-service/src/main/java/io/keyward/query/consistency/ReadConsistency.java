package io.keyward.query.consistency;

import io.keyward.service.axon.ProcessorPositions;
import java.time.Duration;
import java.util.function.Supplier;
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
    private final Supplier<String> processorName;
    private final Duration timeout;

    /** @param processorName the projection's processor now serving reads (it changes when a rebuild takes over) */
    public ReadConsistency(ProcessorPositions positions, Supplier<String> processorName, Duration timeout) {
        this.positions = positions;
        this.processorName = processorName;
        this.timeout = timeout;
    }

    /** Waits (up to the timeout) until the projection covers everything committed before this call. */
    public void awaitCaughtUp() {
        long deadline = System.nanoTime() + timeout.toNanos();
        String processor = processorName.get();
        Long head = null;
        long pause = 1;
        while (true) {
            ProcessorPositions.Position position = positions.read(processor);
            if (head == null) {
                head = position.head();
            }
            if (positions.covers(position.token(), head)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Projection {} has not caught up with event {} within {}; answering from it anyway",
                        processor, head, timeout);
                return;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
