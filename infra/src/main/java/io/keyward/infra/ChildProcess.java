package io.keyward.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process of the stack (a service or the Kafka broker): started with the launcher's own Java, its output copied
 * line by line to the launcher's console behind a name tag, told the launcher's pid so that it stops if the
 * launcher dies, and stopped with SIGTERM (then SIGKILL after a grace period).
 */
public final class ChildProcess {

    private final String name;
    private final Process process;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    public static ChildProcess start(String name, List<String> javaArguments, Map<String, String> environment,
                              Path workingDirectory, PrintStream console) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(java());
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("KEYWARD_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        pump(name, process.getInputStream(), console);
        pump(name, process.getErrorStream(), console);
        return new ChildProcess(name, process);
    }

    /** The launcher's own Java, which runs every child. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void pump(String name, InputStream stream, PrintStream console) {
        String tag = String.format("%-8s| ", name);
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    console.println(tag + line);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "output-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, wait up to {@code graceSeconds}, then SIGKILL. */
    public void stop(long graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
