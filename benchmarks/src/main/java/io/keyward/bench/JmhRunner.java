package io.keyward.bench;

import io.keyward.bench.jmh.PatVerifyBenchmark;
import io.keyward.bench.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of the PAT verify path in forked JVMs and returns their scores. */
final class JmhRunner {

    private JmhRunner() {
    }

    static List<Report.JmhResult> run(Path work, boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(PatVerifyBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 2 : 5)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 3 : 10)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend("-Dot.epg.working-dir=" + work.resolve("jmh-postgres"))
                .result(work.resolve("jmh.json").toString())
                .resultFormat(ResultFormatType.JSON)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Report.JmhResult> scores = new ArrayList<>();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            scores.add(new Report.JmhResult(name.substring(name.lastIndexOf('.') + 1), primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit()));
        }
        return scores;
    }
}
