package io.keyward.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A system under test started as a process (with its children), its output in a log file, stopped by SIGTERM. */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedAt = System.nanoTime();

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path workingDirectory, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        return new ManagedProcess(name, builder.start(), log);
    }

    /** Waits until {@code url} answers with a status that {@code ready} accepts; returns the start-up time. */
    public Duration awaitReady(String url, Predicate<Integer> ready, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            try {
                int status = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (ready.test(status)) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (IOException notYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    /** Waits until the log shows {@code text}. */
    public Duration awaitLog(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return Duration.ofNanos(System.nanoTime() - startedAt);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' within " + timeout.toSeconds()
                + " s; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    /** The process and its descendants whose command line contains {@code marker}. */
    public Optional<ProcessHandle> find(String marker) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        return all.stream().filter(handle -> handle.info().commandLine().map(line -> line.contains(marker))
                .orElse(false)).findFirst();
    }

    /** Resident and peak resident memory (MiB) of this process and each descendant, by a short name. */
    public Map<String, Memory> memory(Map<String, String> markers) {
        Map<String, Memory> memory = new LinkedHashMap<>();
        markers.forEach((label, marker) -> find(marker).flatMap(handle -> Memory.of(handle.pid()))
                .ifPresent(found -> memory.put(label, found)));
        return memory;
    }

    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroy);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Resident set size now and at its peak, in MiB, from {@code /proc/<pid>/status}. */
    public record Memory(double residentMiB, double peakMiB) {

        static Optional<Memory> of(long pid) {
            try {
                long rss = 0;
                long hwm = 0;
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kilobytes(line);
                    } else if (line.startsWith("VmHWM:")) {
                        hwm = kilobytes(line);
                    }
                }
                return Optional.of(new Memory(rss / 1024.0, hwm / 1024.0));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static long kilobytes(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }
}
