package io.keyward.gateway;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The routing rule of the guide's API: reads (GET, the search endpoints, introspection, the read models' admin
 * operations) go to the query-service, everything else under {@value #API} to the command-service, whose own admin
 * operations (lookups, Kafka) stay with it, reads of their status included.
 */
final class Routes {

    static final String API = "/api/v2/auth";
    private static final Pattern COMMAND_ADMIN = Pattern.compile(API + "/admin/(lookups|kafka)(/.*)?");
    private static final Pattern QUERY_POSTS = Pattern.compile(API + "/(serviceaccount/search|serviceaccount/[^/]+/pat/search"
            + "|user/search|introspect|admin/read-models(/.*)?)");

    /** A service and the base URI it is reached at. */
    record Target(String service, String base) {
    }

    private final Target commands;
    private final Target queries;

    Routes(GatewaySettings settings) {
        this.commands = new Target("command-service", withoutTrailingSlash(settings.commandService()));
        this.queries = new Target("query-service", withoutTrailingSlash(settings.queryService()));
    }

    /** Whether {@code path} (decoded and normalised) belongs to the API. */
    static boolean isApi(String path) {
        return path.equals(API) || path.startsWith(API + "/");
    }

    Target target(String method, String path) {
        return isQuery(method, path) ? queries : commands;
    }

    static boolean isQuery(String method, String path) {
        return switch (method) {
            case "GET", "HEAD" -> !COMMAND_ADMIN.matcher(path).matches();
            case "POST" -> QUERY_POSTS.matcher(path).matches();
            default -> false;
        };
    }

    private static String withoutTrailingSlash(URI uri) {
        String base = uri.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
