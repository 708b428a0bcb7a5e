package io.keyward.infra;

import io.keyward.pat.PatFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small helpers behind {@code ./keyward}:
 * <ul>
 * <li>{@code token}: prints a fresh PAT (e.g. for KEYWARD_BOOTSTRAP_ADMIN_TOKEN);</li>
 * <li>{@code rebuild-read-models}, {@code rebuild-lookups}, {@code republish FROM}: start an ops operation through
 * the admin API of a running Keyward (KEYWARD_URL, default http://127.0.0.1:8080; a skylight-admin PAT in
 * KEYWARD_ADMIN_TOKEN) and follow its progress until it ends.</li>
 * </ul>
 */
public final class Tools {

    private static final Pattern FIELD = Pattern.compile("\"(state|eventsDone|eventsTotal|eventsPerSecond|"
            + "secondsLeft|detail)\":(\"[^\"]*\"|[0-9.Ee+-]+|null)");

    private Tools() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "token" -> System.out.println(PatFormat.generate(new SecureRandom()));
            case "rebuild-read-models" -> follow("read-models/rebuild", null);
            case "rebuild-lookups" -> follow("lookups/rebuild", null);
            case "republish" -> {
                if (args.length != 2) {
                    usage();
                }
                follow("kafka/republish", "{\"from\":\"" + args[1].replace("\"", "") + "\"}");
            }
            default -> usage();
        }
    }

    private static void follow(String operation, String body) throws Exception {
        String base = System.getenv().getOrDefault("KEYWARD_URL", "http://127.0.0.1:8080").replaceAll("/+$", "");
        String token = System.getenv("KEYWARD_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            System.err.println("keyward: set KEYWARD_ADMIN_TOKEN to a skylight-admin PAT");
            System.exit(2);
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create(base + "/api/v2/auth/admin/" + operation);
        HttpResponse<String> started = send(http, HttpRequest.newBuilder(uri)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), token);
        if (started.statusCode() != 202) {
            System.err.println("keyward: " + started.statusCode() + " " + started.body());
            System.exit(1);
        }
        while (true) {
            HttpResponse<String> status = send(http, HttpRequest.newBuilder(uri).GET(), token);
            String summary = summary(status.body());
            System.out.println(summary);
            if (summary.contains("state=completed")) {
                return;
            }
            if (summary.contains("state=failed") || status.statusCode() != 200) {
                System.exit(1);
            }
            Thread.sleep(Duration.ofSeconds(2).toMillis());
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        return http.send(request.header("Authorization", "Bearer " + token)
                .header("X-Forwarded-Tenant-Id", "system").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String summary(String json) {
        StringBuilder summary = new StringBuilder();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            summary.append(summary.length() == 0 ? "" : " ").append(matcher.group(1)).append('=')
                    .append(matcher.group(2).replace("\"", ""));
        }
        return summary.length() == 0 ? json : summary.toString();
    }

    private static void usage() {
        System.err.println("usage: Tools token | rebuild-read-models | rebuild-lookups | republish <RFC 3339 time>");
        System.exit(2);
    }
}
