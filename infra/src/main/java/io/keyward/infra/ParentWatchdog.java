package io.keyward.infra;

/** Exits this process when the process named by {@code KEYWARD_PARENT_PID} ends (a kill -9 of the launcher). */
final class ParentWatchdog {

    private ParentWatchdog() {
    }

    static void watch() {
        String parent = System.getenv("KEYWARD_PARENT_PID");
        if (parent == null || parent.isBlank()) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent.strip())).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> {
                    System.err.println("Parent process " + parent + " is gone; shutting down");
                    System.exit(1);
                }),
                () -> System.exit(1));
    }
}
