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
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
