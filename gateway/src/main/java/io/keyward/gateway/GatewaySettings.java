package io.keyward.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway forwards to ({@code keyward.gateway.*}).
 *
 * @param commandService base URI of the command-service ({@code KEYWARD_COMMAND_URI})
 * @param queryService   base URI of the query-service ({@code KEYWARD_QUERY_URI})
 */
@ConfigurationProperties("keyward.gateway")
public record GatewaySettings(
        @DefaultValue("http://127.0.0.1:8081") URI commandService,
        @DefaultValue("http://127.0.0.1:8082") URI queryService) {
}
