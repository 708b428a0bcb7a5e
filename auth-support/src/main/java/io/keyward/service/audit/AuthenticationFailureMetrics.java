package io.keyward.service.audit;

import io.keyward.service.security.AccessDeniedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.event.EventListener;

/** Counts refused requests by reason and status: {@code keyward_auth_failures_total{reason,status}}. */
public class AuthenticationFailureMetrics {

    private final MeterRegistry registry;

    public AuthenticationFailureMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    public void on(AccessDeniedEvent denied) {
        registry.counter("keyward.auth.failures", "reason", denied.reason(), "status",
                Integer.toString(denied.status())).increment();
    }
}
