package io.keyward.bench.load;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured. Latencies are in milliseconds; {@code throughput} is measured operations per second
 * over the measured period; {@code errors} are operations that failed or were answered wrongly.
 */
public record LoadResult(String system, String scenario, LoadSpec spec, long operations, long errors,
                         double throughput, double p50, double p90, double p99, double p999, double max,
                         double mean, List<String> sampleErrors, Histogram histogram,
                         Map<String, Double> cpuMillisPerOperation) {

    public static LoadResult of(String system, String scenario, LoadSpec spec, Histogram histogram, long errors,
                         double seconds, List<String> sampleErrors) {
        return new LoadResult(system, scenario, spec, histogram.getTotalCount(), errors,
                histogram.getTotalCount() / seconds, millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)), millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getValueAtPercentile(99.9)), millis(histogram.getMaxValue()),
                histogram.getMean() / 1e6, sampleErrors, histogram, Map.of());
    }

    /** The same result with what each process spent per operation, in CPU milliseconds. */
    public LoadResult withCpu(Map<String, Double> cpu) {
        return new LoadResult(system, scenario, spec, operations, errors, throughput, p50, p90, p99, p999, max, mean,
                sampleErrors, histogram, Map.copyOf(new java.util.LinkedHashMap<>(cpu)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    public String summary() {
        return String.format("%-9s %-28s %8.0f ops/s  p50 %7.2f  p99 %7.2f  p99.9 %7.2f  max %8.2f ms  %d ops, %d errors"
                        + "  (%s)", system, scenario, throughput, p50, p99, p999, max, operations, errors,
                spec.describe());
    }
}
