package io.keyward.bench.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured. Latencies are in milliseconds; {@code errors} are operations that failed or were
 * answered wrongly. {@code throughput} is what the system sustains: the operations over the measured period plus
 * the time it then took to finish the work they left behind ({@code catchUpSeconds}: projections, publishers), so
 * that work deferred past the end of the measurement is not counted as free. {@code measuredThroughput} is the
 * operations over the measured period alone.
 */
public record LoadResult(String system, String scenario, LoadSpec spec, long operations, long errors,
                         double throughput, double measuredThroughput, double catchUpSeconds, double p50, double p90,
                         double p99, double p999, double max, double mean, List<String> sampleErrors,
                         Histogram histogram, Map<String, Double> cpuMillisPerOperation) {

    public static LoadResult of(String system, String scenario, LoadSpec spec, Histogram histogram, long errors,
                         double seconds, List<String> sampleErrors) {
        double throughput = histogram.getTotalCount() / seconds;
        return new LoadResult(system, scenario, spec, histogram.getTotalCount(), errors, throughput, throughput, 0,
                millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()),
                histogram.getMean() / 1e6, sampleErrors, histogram, Map.of());
    }

    /** The same result with what each process spent per operation, in CPU milliseconds. */
    public LoadResult withCpu(Map<String, Double> cpu) {
        return new LoadResult(system, scenario, spec, operations, errors, throughput, measuredThroughput,
                catchUpSeconds, p50, p90, p99, p999, max, mean, sampleErrors, histogram,
                Map.copyOf(new java.util.LinkedHashMap<>(cpu)));
    }

    /**
     * The same result once the system took {@code seconds} after the measured period to finish the work left behind:
     * throughput counts that time too.
     */
    public LoadResult withCatchUp(double seconds) {
        double measuredSeconds = operations / measuredThroughput;
        return new LoadResult(system, scenario, spec, operations, errors, operations / (measuredSeconds + seconds),
                measuredThroughput, seconds, p50, p90, p99, p999, max, mean, sampleErrors, histogram,
                cpuMillisPerOperation);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    public String summary() {
        return String.format("%-9s %-28s %8.0f ops/s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %8.2f ms  %d ops, %d errors"
                        + "  (%s%s)", system, scenario, throughput, p50, p99, p999, max, operations, errors,
                spec.describe(), catchUpSeconds > 0 ? String.format(", %.0f ops/s while measured, then %.1f s to "
                        + "catch up", measuredThroughput, catchUpSeconds) : "");
    }
}
