package io.keyward.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.bench.Json;
import io.keyward.bench.ManagedProcess;
import io.keyward.bench.load.LoadResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The run's results as {@code report.md} (tables, ratios Keyward/Keycloak, the targets met or missed),
 * {@code results.json} and the plots.
 */
public final class Report {

    /** One JMH result: benchmark, mean and its 99.9% error, in {@code unit}. */
    public record JmhResult(String benchmark, double score, double error, String unit) {
    }

    /** A target of the issue, and whether the run met it. */
    record Target(String what, String measured, Boolean met) {
    }

    private final Path directory;
    private final boolean quick;
    private final List<LoadResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Map<String, ManagedProcess.Memory>> memory = new LinkedHashMap<>();
    private final List<JmhResult> jmh = new ArrayList<>();

    public Report(Path directory, boolean quick) {
        this.directory = directory;
        this.quick = quick;
    }

    public void add(LoadResult result) {
        results.add(result);
    }

    public void note(String note) {
        System.out.println("bench: " + note);
        notes.add(note);
    }

    public void memory(String system, Map<String, ManagedProcess.Memory> processes) {
        memory.put(system, processes);
    }

    public void jmh(List<JmhResult> jmhResults) {
        jmh.addAll(jmhResults);
    }

    public void write(Duration elapsed) throws IOException {
        Files.createDirectories(directory);
        Charts.write(directory, results);
        Files.writeString(directory.resolve("report.md"), markdown(elapsed));
        Files.writeString(directory.resolve("results.json"), Json.MAPPER.writeValueAsString(json()));
    }

    private String markdown(Duration elapsed) {
        StringBuilder md = new StringBuilder();
        md.append("# Keyward vs Keycloak, ").append(Instant.now()).append(quick ? " (quick run: not figures to quote)"
                : "").append("\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(totalMemoryGiB()).append(" GiB; harness on Java ").append(System.getProperty("java.version"))
                .append("; run took ").append(elapsed.toMinutes()).append(" min ").append(elapsed.toSecondsPart())
                .append(" s.\n\n");
        notes.forEach(note -> md.append("- ").append(note).append('\n'));
        md.append("\n## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (Target target : targets()) {
            md.append("| ").append(target.what()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.met() == null ? "not measured" : target.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n## Load runs\n\nops/s is what the system sustains: the operations over the measured period plus the "
                        + "time it then took to finish the work they left behind (catch-up: projections, publishers); "
                        + "CPU per operation includes that work.\n\n")
                .append("| system | scenario | load | ops/s | ops/s while measured | catch-up s | p50 ms | p99 ms "
                        + "| p99.9 ms | max ms | errors | CPU ms/op |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LoadResult r : results) {
            md.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                    r.system(), r.scenario(), r.spec().describe(), r.throughput(), r.measuredThroughput(),
                    r.catchUpSeconds(), r.p50(), r.p99(), r.p999(),
                    r.max(), r.errors(), r.cpuMillisPerOperation().isEmpty() ? "-" : String.format(Locale.ROOT,
                            "%.2f", r.cpuMillisPerOperation().values().stream().mapToDouble(d -> d).sum())));
        }
        md.append("\n## CPU per operation, by process (ms; the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores for all of them)\n\n");
        for (LoadResult r : results) {
            if (!r.cpuMillisPerOperation().isEmpty()) {
                md.append("- ").append(r.system()).append(' ').append(r.scenario()).append(", ")
                        .append(r.spec().isOpen() ? "fixed rate" : "closed").append(": ");
                md.append(String.join(", ", r.cpuMillisPerOperation().entrySet().stream()
                        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList()));
                md.append('\n');
            }
        }
        md.append("\n## Ratios Keyward / Keycloak (throughput, closed model, same connections)\n\n")
                .append("| Keyward | Keycloak | ratio |\n|---|---|---:|\n");
        ratio("(b) introspection", "(b) introspection").ifPresent(md::append);
        ratio("(c) create account with PAT", "(c) create client + service account").ifPresent(md::append);
        ratio("(d) issue then revoke PAT", "(d) client-credentials token").ifPresent(md::append);
        md.append("\n## Resident memory (MiB, now / peak)\n\n| system | process | resident | peak |\n|---|---|---:|---:|\n");
        memory.forEach((system, processes) -> processes.forEach((process, m) -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %.0f | %.0f |%n", system, process, m.residentMiB(), m.peakMiB()))));
        if (!jmh.isEmpty()) {
            md.append("\n## JMH\n\n| benchmark | score | ± (99.9%) | unit |\n|---|---:|---:|---|\n");
            jmh.forEach(j -> md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %s |%n", j.benchmark(),
                    j.score(), j.error(), j.unit())));
        }
        md.append("\nPlots: `throughput.png`, `latency.png`, `latency-percentiles.png`.\n");
        return md.toString();
    }

    private Optional<String> ratio(String keywardScenario, String keycloakScenario) {
        Optional<LoadResult> keyward = closed("Keyward", keywardScenario);
        Optional<LoadResult> keycloak = closed("Keycloak", keycloakScenario);
        if (keyward.isEmpty() || keycloak.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "| %s: %.0f/s | %s: %.0f/s | %.2f |%n", keywardScenario,
                keyward.get().throughput(), keycloakScenario, keycloak.get().throughput(),
                keyward.get().throughput() / keycloak.get().throughput()));
    }

    private Optional<LoadResult> closed(String system, String scenario) {
        return find(r -> r.system().equals(system) && r.scenario().equals(scenario) && !r.spec().isOpen());
    }

    private Optional<LoadResult> find(Predicate<LoadResult> which) {
        return results.stream().filter(which).findFirst();
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        Optional<LoadResult> get = find(r -> r.system().equals("Keyward") && r.scenario().startsWith("(a)")
                && r.spec().isOpen());
        targets.add(new Target("PAT-authenticated GET: p99 <= 5 ms at 1,000 requests/s",
                get.map(r -> String.format(Locale.ROOT, "p99 %.2f ms at %.0f/s, %d errors", r.p99(), r.throughput(),
                        r.errors())).orElse("-"),
                get.map(r -> r.p99() <= 5 && r.throughput() >= 0.98 * r.spec().rate() && r.errors() == 0)
                        .orElse(null)));
        targets.add(ratioTarget("introspection >= 3x Keycloak's throughput", "(b) introspection",
                "(b) introspection", 3));
        targets.add(ratioTarget("create account + PAT >= 5x Keycloak's create client with service account",
                "(c) create account with PAT", "(c) create client + service account", 5));
        Optional<JmhResult> verify = jmh.stream().filter(j -> j.benchmark().endsWith("verifyValidPat")).findFirst();
        targets.add(new Target("JMH verify <= 2 us", verify.map(j -> String.format(Locale.ROOT, "%.3f %s",
                j.score(), j.unit())).orElse("-"), verify.map(j -> toMicros(j) <= 2).orElse(null)));
        Optional<LoadResult> cut = find(r -> r.scenario().startsWith("(f)"));
        targets.add(new Target("DELETE -> streamer cut p99 <= 100 ms", cut.map(r -> String.format(Locale.ROOT,
                "p99 %.1f ms over %d revocations, %d missed", r.p99(), r.operations(), r.errors())).orElse("-"),
                cut.map(r -> r.p99() <= 100 && r.errors() == 0).orElse(null)));
        Map<String, ManagedProcess.Memory> keyward = memory.get("Keyward");
        targets.add(new Target("each service <= 1 GiB resident", keyward == null ? "-"
                : keyward.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f MiB", e.getKey(),
                e.getValue().peakMiB())).reduce((a, b) -> a + ", " + b).orElse("-"),
                keyward == null ? null : keyward.values().stream().allMatch(m -> m.peakMiB() <= 1024)));
        return targets;
    }

    private Target ratioTarget(String what, String keywardScenario, String keycloakScenario, double at) {
        Optional<LoadResult> keyward = closed("Keyward", keywardScenario);
        Optional<LoadResult> keycloak = closed("Keycloak", keycloakScenario);
        if (keyward.isEmpty() || keycloak.isEmpty()) {
            return new Target(what, "-", null);
        }
        double ratio = keyward.get().throughput() / keycloak.get().throughput();
        return new Target(what, String.format(Locale.ROOT, "%.2fx (%.0f/s vs %.0f/s)", ratio,
                keyward.get().throughput(), keycloak.get().throughput()), ratio >= at);
    }

    private static double toMicros(JmhResult result) {
        return switch (result.unit()) {
            case "ns/op" -> result.score() / 1000;
            case "us/op" -> result.score();
            case "ms/op" -> result.score() * 1000;
            default -> Double.NaN;
        };
    }

    private ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("time", Instant.now().toString());
        root.put("quick", quick);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode runs = root.putArray("runs");
        for (LoadResult r : results) {
            ObjectNode run = runs.addObject();
            run.put("system", r.system());
            run.put("scenario", r.scenario());
            run.put("load", r.spec().describe());
            run.put("connections", r.spec().connections());
            run.put("rate", r.spec().rate());
            run.put("operations", r.operations());
            run.put("errors", r.errors());
            run.put("throughput", r.throughput());
            run.put("measuredThroughput", r.measuredThroughput());
            run.put("catchUpSeconds", r.catchUpSeconds());
            run.put("p50Ms", r.p50());
            run.put("p90Ms", r.p90());
            run.put("p99Ms", r.p99());
            run.put("p999Ms", r.p999());
            run.put("maxMs", r.max());
            run.put("meanMs", r.mean());
            ObjectNode cpu = run.putObject("cpuMillisPerOperation");
            r.cpuMillisPerOperation().forEach(cpu::put);
        }
        ObjectNode memoryNode = root.putObject("residentMemoryMiB");
        memory.forEach((system, processes) -> {
            ObjectNode systemNode = memoryNode.putObject(system);
            processes.forEach((process, m) -> systemNode.putObject(process).put("resident", m.residentMiB())
                    .put("peak", m.peakMiB()));
        });
        ArrayNode jmhNode = root.putArray("jmh");
        jmh.forEach(j -> jmhNode.addObject().put("benchmark", j.benchmark()).put("score", j.score())
                .put("error", j.error()).put("unit", j.unit()));
        ArrayNode targetsNode = root.putArray("targets");
        targets().forEach(t -> targetsNode.addObject().put("target", t.what()).put("measured", t.measured())
                .put("met", t.met() == null ? null : t.met().toString()));
        return root;
    }

    private static long totalMemoryGiB() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize() >> 30;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
