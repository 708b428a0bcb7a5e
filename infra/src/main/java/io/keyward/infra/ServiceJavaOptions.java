package io.keyward.infra;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The services' JVM options when {@code KEYWARD_SERVICE_JAVA_OPTS} does not give them: a heap sized from the start
 * and the Shenandoah collector, whose pauses do not grow with the young generation. On this 2-core machine G1's young
 * pauses of 2-5 ms, one every ~0.8 s in both the gateway and the query-service, made the p99 of a PAT-authenticated
 * GET at 1,000 requests/s (5.4-6.5 ms); with Shenandoah the pauses average under 0.5 ms and the p99 was 3.9 ms, at no
 * more CPU per request (docs/benchmarks.md). Not every JDK build includes Shenandoah (Oracle's do not): the JVM that
 * will run the services is asked once, and G1 with a short pause goal is used where it says no.
 */
final class ServiceJavaOptions {

    static final String SHENANDOAH = "-Xms256m -Xmx512m -XX:+UseShenandoahGC";
    static final String G1 = "-Xms256m -Xmx512m -XX:MaxGCPauseMillis=20";

    private ServiceJavaOptions() {
    }

    /** The default options for services started with {@code java} (the launcher's own Java). */
    static String defaults(String java) {
        return supportsShenandoah(java) ? SHENANDOAH : G1;
    }

    static boolean supportsShenandoah(String java) {
        try {
            Process probe = new ProcessBuilder(List.of(java, "-XX:+UseShenandoahGC", "-version"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!probe.waitFor(30, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
