package io.keyward.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives one {@link Scenario} against one HTTP endpoint as a {@link LoadSpec} says, on one thread per connection,
 * and stops by itself when the measured period is over.
 */
public final class LoadRun {

    private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(120);

    private final String host;
    private final int port;

    public LoadRun(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Told when the measured period begins and ends (to take readings of the system over exactly that period). */
    public interface Probe {

        void measuring();

        void done();
    }

    public LoadResult run(String system, String scenarioName, LoadSpec spec, Scenario scenario)
            throws InterruptedException {
        return run(system, scenarioName, spec, scenario, null);
    }

    public LoadResult run(String system, String scenarioName, LoadSpec spec, Scenario scenario, Probe probe)
            throws InterruptedException {
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> sampleErrors = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureFrom = start + spec.warmup().toNanos();
        long end = measureFrom + spec.duration().toNanos();
        double interval = spec.isOpen() ? 1e9 / spec.rate() : 0;
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong lastCompletion = new AtomicLong(end);
        for (int i = 0; i < spec.connections(); i++) {
            Histogram histogram = new Histogram(MAX_LATENCY, 3);
            histograms.add(histogram);
            Thread thread = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(host, port)) {
                    while (true) {
                        long n = sequence.getAndIncrement();
                        long begin;
                        if (spec.isOpen()) {
                            begin = start + (long) (n * interval);
                            if (begin >= end) {
                                return;
                            }
                            for (long wait = begin - System.nanoTime(); wait > 0; wait = begin - System.nanoTime()) {
                                LockSupport.parkNanos(wait);
                            }
                        } else {
                            begin = System.nanoTime();
                            if (begin >= end) {
                                return;
                            }
                        }
                        boolean measured = begin >= measureFrom;
                        try {
                            scenario.execute(connection, n);
                            long done = System.nanoTime();
                            if (measured) {
                                histogram.recordValue(Math.min(done - begin, MAX_LATENCY));
                                lastCompletion.accumulateAndGet(done, Math::max);
                            }
                        } catch (Exception e) {
                            if (measured) {
                                errors.incrementAndGet();
                            }
                            if (sampleErrors.size() < 5) {
                                sampleErrors.add(e.toString());
                            }
                        }
                    }
                }
            }, "load-" + scenarioName + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        if (probe != null) {
            sleepUntil(measureFrom);
            probe.measuring();
            sleepUntil(end);
            probe.done();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Histogram all = new Histogram(MAX_LATENCY, 3);
        histograms.forEach(all::add);
        // A closed run's measured period ends at its end; an open run's when the last scheduled operation is done.
        long measuredEnd = spec.isOpen() ? Math.max(end, lastCompletion.get()) : end;
        return LoadResult.of(system, scenarioName, spec, all, errors.get(), (measuredEnd - measureFrom) / 1e9,
                List.copyOf(sampleErrors));
    }

    private static void sleepUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
