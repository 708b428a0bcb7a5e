package io.keyward.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

/**
 * The MongoDB writes of one batch of events, collected per collection in event order and sent as one ordered bulk
 * write per collection before the batch's position is stored. A replay thus writes in bulk (hundreds of operations
 * per round trip) while live processing keeps batches small. Every operation is idempotent, so a batch that fails
 * halfway and is retried lands in the same state.
 */
final class MongoWrites {

    private static final String RESOURCE = MongoWrites.class.getName();
    private static final BulkWriteOptions ORDERED = new BulkWriteOptions().ordered(true);

    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> pending = new LinkedHashMap<>();

    private MongoWrites() {
    }

    /** Queues {@code write} on {@code collection} in the current batch. */
    static void add(MongoCollection<Document> collection, WriteModel<Document> write) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        MongoWrites writes = batch.getOrComputeResource(RESOURCE, key -> {
            MongoWrites created = new MongoWrites();
            batch.onPrepareCommit(unitOfWork -> created.flush());
            return created;
        });
        writes.pending.computeIfAbsent(collection, c -> new ArrayList<>()).add(write);
    }

    private void flush() {
        pending.forEach((collection, writes) -> collection.bulkWrite(writes, ORDERED));
        pending.clear();
    }
}
