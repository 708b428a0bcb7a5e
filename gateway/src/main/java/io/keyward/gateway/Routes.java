package io.keyward.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.GET;
import static org.springframework.web.servlet.function.RequestPredicates.POST;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemDetails;
import io.keyward.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The routing rule of the guide's API: reads (GET, the search endpoints, introspection) go to the query-service,
 * everything else under {@code /api/v2/auth} to the command-service. The client's address is passed on in
 * {@code X-Forwarded-For}, replacing whatever the client claimed.
 */
@Configuration(proxyBeanMethods = false)
class Routes {

    static final String API = "/api/v2/auth";
    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    /** The write side's own admin operations, reads of their status included. */
    static final RequestPredicate COMMAND_ADMIN = path(API + "/admin/lookups/**").or(path(API + "/admin/kafka/**"));

    static final RequestPredicate QUERIES = GET(API + "/**").and(COMMAND_ADMIN.negate())
            .or(POST(API + "/serviceaccount/search"))
            .or(POST(API + "/serviceaccount/{machineUserId}/pat/search"))
            .or(POST(API + "/user/search"))
            .or(POST(API + "/introspect"))
            .or(POST(API + "/admin/read-models/**"));

    @Bean
    RouterFunction<ServerResponse> queryRoutes(GatewaySettings settings) {
        return route("query-service")
                .route(QUERIES, http())
                .before(uri(settings.queryService()))
                .before(Routes::forwardedFor)
                .onError(Exception.class, (e, request) -> unavailable("query-service", e, request))
                .build();
    }

    @Bean
    RouterFunction<ServerResponse> commandRoutes(GatewaySettings settings) {
        return route("command-service")
                .route(path(API + "/**"), http())
                .before(uri(settings.commandService()))
                .before(Routes::forwardedFor)
                .onError(Exception.class, (e, request) -> unavailable("command-service", e, request))
                .build();
    }

    private static ServerRequest forwardedFor(ServerRequest request) {
        return ServerRequest.from(request)
                .headers(headers -> {
                    headers.set("X-Forwarded-For", request.servletRequest().getRemoteAddr());
                    headers.set("X-Forwarded-Proto", request.servletRequest().getScheme());
                    Object requestId = request.servletRequest().getAttribute(RequestIdFilter.MDC_KEY);
                    if (requestId != null) {
                        headers.set(RequestIdFilter.HEADER, requestId.toString());
                    }
                })
                .build();
    }

    private static ServerResponse unavailable(String service, Throwable e, ServerRequest request) {
        log.warn("{} {} could not be forwarded to the {}: {}", request.method(), request.path(), service,
                e.toString());
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(ErrorCode.UNAVAILABLE,
                        "The " + service + " is not reachable; try again shortly.", request.path()));
    }

}
