package io.keyward.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * CPU time used by the processes of a system under test (and by the load generator itself), from
 * {@code /proc/<pid>/stat}, so that each run can say what an operation cost each process. Processes are found by a
 * marker in their command line, among all processes of the machine.
 */
public final class CpuMeter {

    public static final String LOAD_GENERATOR = "load generator";
    private static final double TICKS_PER_SECOND = 100.0;
    private final Map<String, Predicate<String>> groups;

    /** @param groups a label per group of processes, and which command lines belong to it */
    public CpuMeter(Map<String, Predicate<String>> groups) {
        this.groups = new LinkedHashMap<>(groups);
        this.groups.put(LOAD_GENERATOR, line -> false);
    }

    public static Predicate<String> containing(String marker) {
        return line -> line.contains(marker);
    }

    /** CPU seconds used so far by each group. */
    public Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        groups.keySet().forEach(label -> seconds.put(label, 0.0));
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        for (ProcessHandle process : all) {
            Optional<String> line = commandLine(process.pid());
            if (line.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Predicate<String>> group : groups.entrySet()) {
                boolean member = group.getKey().equals(LOAD_GENERATOR) ? process.pid() == self
                        : process.pid() != self && group.getValue().test(line.get());
                if (member) {
                    seconds.merge(group.getKey(), cpuSeconds(process.pid()), Double::sum);
                    break;
                }
            }
        }
        return seconds;
    }

    /**
     * CPU seconds used so far by the JIT compiler threads of the system's JVMs (threads named {@code C1/C2
     * CompilerThread*}): while they are busy, the system is still warming up.
     */
    public double compilerSeconds() {
        double seconds = 0;
        long self = ProcessHandle.current().pid();
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            long pid = process.pid();
            Optional<String> line = commandLine(pid);
            if (pid == self || line.isEmpty() || groups.entrySet().stream().noneMatch(group
                    -> !group.getKey().equals(LOAD_GENERATOR) && group.getValue().test(line.get()))) {
                continue;
            }
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        seconds += cpuSeconds(task.resolve("stat"));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process or thread ended meanwhile
            }
        }
        return seconds;
    }

    /** What each group used between two snapshots, in CPU milliseconds per operation. */
    public static Map<String, Double> perOperation(Map<String, Double> before, Map<String, Double> after,
                                                   long operations) {
        Map<String, Double> cost = new LinkedHashMap<>();
        after.forEach((label, seconds) -> cost.put(label,
                operations == 0 ? 0 : (seconds - before.getOrDefault(label, 0.0)) * 1000 / operations));
        return cost;
    }

    private static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return Optional.of(new String(raw).replace('\0', ' '));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double cpuSeconds(long pid) {
        return cpuSeconds(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static double cpuSeconds(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
