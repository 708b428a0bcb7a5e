package io.keyward.service.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code eventProcessors}: UP while every streaming processor of this service runs and is not retrying a failure.
 * A processor in error (its store or Kafka unreachable) is retrying with back-off and will catch up; the details
 * name it, with its lag.
 */
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing, ProcessorPositions positions) {
        super("Event processors are not healthy");
        this.processing = processing;
        this.positions = positions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            boolean ok = processor.isRunning() && !processor.isError();
            healthy &= ok;
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", processor.isRunning());
            state.put("error", processor.isError());
            try {
                state.put("lag", positions.read(entry.getKey()).lag());
            } catch (RuntimeException e) {
                state.put("lag", "unknown");
            }
            details.put(entry.getKey(), state);
        }
        (healthy ? builder.up() : builder.down()).withDetails(details);
    }
}
