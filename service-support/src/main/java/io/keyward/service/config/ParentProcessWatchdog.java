package io.keyward.service.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the local stack starts this service as a child process it sets {@code KEYWARD_PARENT_PID}; if that parent
 * dies without stopping us (kill -9), this service shuts itself down instead of lingering on its ports. Without
 * that variable (pid 0) it does nothing.
 */
public class ParentProcessWatchdog implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdog.class);
    private final long parentPid;

    public ParentProcessWatchdog(long parentPid) {
        this.parentPid = parentPid;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (parentPid <= 0) {
            return;
        }
        ConfigurableApplicationContext context = event.getApplicationContext();
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    log.warn("Parent process {} is gone; shutting down", parentPid);
                    System.exit(SpringApplication.exit(context, () -> 1));
                }),
                () -> {
                    log.warn("Parent process {} is not running; shutting down", parentPid);
                    System.exit(SpringApplication.exit(context, () -> 1));
                });
    }
}
