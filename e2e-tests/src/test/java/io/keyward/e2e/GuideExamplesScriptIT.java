package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The checked-in replay of the guide's curl examples ({@code scripts/guide-examples.sh}) passes against the stack. */
class GuideExamplesScriptIT {

    @Test
    void theGuidesExamplesRunAsWritten() throws Exception {
        SharedStack shared = SharedStack.get();
        String tenant = "script-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Principal tenantAdmin = shared.api.principal(shared.adminToken, tenant, "script-admin", "tenant-admin");

        ProcessBuilder script = new ProcessBuilder("bash",
                RunningStack.root().resolve("scripts").resolve("guide-examples.sh").toString())
                .redirectErrorStream(true);
        script.environment().put("BASE_URL", shared.stack.gateway());
        script.environment().put("TOKEN", tenantAdmin.pat());
        script.environment().put("TENANT", tenant);
        java.nio.file.Path patLog = java.nio.file.Files.createTempFile("guide-pats", ".txt");
        script.environment().put("PAT_LOG", patLog.toString());
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        System.out.println(output);

        String given = java.nio.file.Files.readString(patLog);
        java.nio.file.Files.delete(patLog);
        assertThat(output).doesNotContain("kwp_");
        Matcher pats = Pattern.compile("kwp_[0-9A-Za-z]{49}").matcher(given);
        int remembered = 0;
        while (pats.find()) {
            Api.remember(pats.group());
            remembered++;
        }
        assertThat(remembered).isEqualTo(2);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("All of the guide's examples answered as the guide says.");
    }
}
