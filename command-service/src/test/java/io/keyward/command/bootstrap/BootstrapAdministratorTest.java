package io.keyward.command.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyward.command.CommandServiceApplication;
import io.keyward.command.support.CommandServiceTestBase;
import io.keyward.pat.PatFormat;
import io.keyward.service.config.KeywardConfigurationException;
import io.keyward.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

class BootstrapAdministratorTest {

    private static String[] settings(String url, String adminToken) {
        return new String[] {
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--keyward.pat.pepper=" + CommandServiceTestBase.PEPPER,
                "--keyward.kafka.bootstrap-servers=127.0.0.1:1",
                "--keyward.bootstrap.admin-token=" + adminToken};
    }

    @Test
    void anInvalidPresetTokenStopsStartUpWithAClearMessage() {
        String url = TestStores.newPostgresDatabase();
        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(settings(url, "kwp_not-a-real-token")))
                .hasRootCauseInstanceOf(KeywardConfigurationException.class)
                .rootCause().hasMessageContaining("KEYWARD_BOOTSTRAP_ADMIN_TOKEN is not a valid Keyward PAT")
                .hasMessageNotContaining("kwp_not-a-real-token");
    }

    @Test
    void withoutAPresetTokenOneIsGeneratedPrintedOnceAndOnlyOnAnEmptyStore() {
        String url = TestStores.newPostgresDatabase();
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        String token;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(settings(url, ""))) {
            Matcher printed = Pattern.compile("PAT \\(shown once, store it now\\): (kwp_\\S+)")
                    .matcher(console.toString(StandardCharsets.UTF_8));
            assertThat(printed.find()).isTrue();
            token = printed.group(1);
            assertThat(PatFormat.isWellFormed(token)).isTrue();
        } finally {
            System.setOut(original);
        }

        // the next start on the same store neither creates nor prints anything
        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        System.setOut(new PrintStream(secondConsole, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(settings(url, ""))) {
            assertThat(secondConsole.toString(StandardCharsets.UTF_8)).doesNotContain("kwp_");
            var jdbc = second.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM kw_principal WHERE username = 'skylight-admin'",
                    Integer.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM kw_credential", Integer.class)).isEqualTo(1);
        } finally {
            System.setOut(original);
        }
    }
}
