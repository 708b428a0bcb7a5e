package io.keyward.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console as the entry point serves it, without a browser: the root leads to it, its files come with a
 * Content-Security-Policy that lets the page talk only to its own origin, and every call its script makes is an
 * operation of the public API the OpenAPI document describes (no private back door).
 */
class ConsoleServedIT {

    private static final Pattern CALL = Pattern.compile("api\\('([A-Z]+)', [`'](/[^`'?]*)");

    private static Api.Response get(String path) {
        SharedStack shared = SharedStack.get();
        return shared.api.send(HttpRequest.newBuilder(URI.create(shared.stack.gateway() + path)));
    }

    @Test
    void theRootLeadsToTheConsole() {
        Api.Response root = get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(URI.create(root.header("Location")).getPath()).isEqualTo("/console/");
    }

    @Test
    void servesThePageWithAPolicyThatKeepsItToItsOwnOrigin() {
        Api.Response page = get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<html lang=\"en\"").contains("console.js");
        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");

        Api.Response style = get("/console/console.css");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header("Content-Type")).startsWith("text/css");
    }

    @Test
    void callsOnlyThePublicApi() {
        Api.Response script = get("/console/console.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.text()).contains("const API = '/api/v2/auth';");
        assertThat(script.text().split("fetch\\(", -1)).as("one place that calls fetch").hasSize(2);

        Set<String> calls = new TreeSet<>();
        Matcher call = CALL.matcher(script.text());
        while (call.find()) {
            String path = call.group(2)
                    .replaceAll("^/serviceaccount/\\$\\{[^}]*\\}", "/serviceaccount/{machineUserId}")
                    .replaceAll("/pat/\\$\\{[^}]*\\}", "/pat/{credentialId}")
                    .replaceAll("\\$\\{query.*$", "");
            calls.add(call.group(1) + " /api/v2/auth" + path);
        }
        assertThat(calls).containsExactlyInAnyOrder(
                "POST /api/v2/auth/serviceaccount",
                "POST /api/v2/auth/serviceaccount/search",
                "GET /api/v2/auth/serviceaccount/{machineUserId}",
                "PATCH /api/v2/auth/serviceaccount/{machineUserId}",
                "DELETE /api/v2/auth/serviceaccount/{machineUserId}",
                "POST /api/v2/auth/serviceaccount/{machineUserId}/pat",
                "POST /api/v2/auth/serviceaccount/{machineUserId}/pat/search",
                "DELETE /api/v2/auth/serviceaccount/{machineUserId}/pat/{credentialId}");
        assertThat(OpenApiIT.API).containsAll(calls);
    }
}
