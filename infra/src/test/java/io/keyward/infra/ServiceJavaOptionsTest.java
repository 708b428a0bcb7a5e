package io.keyward.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceJavaOptionsTest {

    private static final String THIS_JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void aJvmWithShenandoahRunsTheServicesWithIt() throws Exception {
        boolean included = new ProcessBuilder(THIS_JAVA, "-XX:+UseShenandoahGC", "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;

        assertThat(ServiceJavaOptions.defaults(THIS_JAVA))
                .isEqualTo(included ? ServiceJavaOptions.SHENANDOAH : ServiceJavaOptions.G1);
    }

    @Test
    void aJvmThatCannotBeAskedGetsG1() {
        assertThat(ServiceJavaOptions.defaults("/nonexistent/bin/java")).isEqualTo(ServiceJavaOptions.G1);
    }

    @Test
    void aJvmThatRefusesShenandoahGetsG1() {
        // `false` stands in for a JVM built without Shenandoah: it exits non-zero whatever it is asked
        assertThat(ServiceJavaOptions.defaults("/bin/false")).isEqualTo(ServiceJavaOptions.G1);
    }

    @Test
    void optionsGivenInTheEnvironmentWinAndBlankMeansDefault() {
        Path home = Path.of("/tmp/keyward-home");
        assertThat(StackSettings.from(Map.of("KEYWARD_SERVICE_JAVA_OPTS", "-Xmx1g"), home).serviceJavaOptions())
                .contains("-Xmx1g");
        assertThat(StackSettings.from(Map.of("KEYWARD_SERVICE_JAVA_OPTS", "  "), home).serviceJavaOptions())
                .isEmpty();
    }
}
