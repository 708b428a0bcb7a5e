package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.service.security.CredentialUsage;
import io.keyward.service.security.Introspection;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.service.security.PatAuthenticator;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The entry point's own filters, the last of which forwards the API to the services. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    GatewayAudit gatewayAudit(@Value("${keyward.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                              MeterRegistry registry, Clock clock) {
        return new GatewayAudit(bootstrapServers, clock, registry);
    }

    /** Before the precheck, so that its 401s count too; see {@link AuthenticationThrottle}. */
    @Bean
    FilterRegistrationBean<AuthenticationThrottle> authenticationThrottle(
            @Value("${keyward.gateway.auth-failures.burst:20}") int burst,
            @Value("${keyward.gateway.auth-failures.per-minute:10}") int perMinute,
            @Value("${keyward.gateway.auth-failures.max-sources:100000}") int maxSources,
            GatewayAudit audit, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new AuthenticationThrottle(burst, perMinute, maxSources,
                System::nanoTime, audit, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 90);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BearerPrecheckFilter> bearerPrecheckFilter(ObjectMapper json, GatewayAudit audit) {
        var registration = new FilterRegistrationBean<>(new BearerPrecheckFilter(json, audit));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    /**
     * Introspection is answered here ({@link LocalIntrospection}), so its caller is authenticated here too, with the
     * services' filter: the same refusals, audit records and last-use tracking as theirs.
     */
    @Bean
    FilterRegistrationBean<PatAuthenticationFilter> introspectionAuthentication(PatAuthenticator authenticator,
                                                                               ObjectMapper json,
                                                                               ApplicationEventPublisher events,
                                                                               Clock clock, CredentialUsage usage) {
        PatAuthenticationFilter filter = new PatAuthenticationFilter(authenticator, json, events, clock, usage) {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !LocalIntrospection.answersHere(request);
            }
        };
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(LocalIntrospection.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 110);
        return registration;
    }

    @Bean
    FilterRegistrationBean<LocalIntrospection> localIntrospection(Introspection introspection, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new LocalIntrospection(introspection, json));
        registration.addUrlPatterns(LocalIntrospection.PATH);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 120);
        return registration;
    }

    @Bean
    Routes routes(GatewaySettings settings) {
        return new Routes(settings);
    }

    /**
     * Keep-alive connections to the services, pooled. No retries (a command must not be sent twice), no redirects,
     * no cookies, no content decoding: the gateway passes the exchange on as it is.
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient serviceClient() {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(512)
                .setMaxConnPerRoute(256)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(2))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofSeconds(60))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .evictExpiredConnections()
                .setUserAgent(null)
                .build();
    }

    @Bean
    FilterRegistrationBean<ApiProxy> apiProxy(Routes routes, CloseableHttpClient serviceClient, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ApiProxy(routes, serviceClient, json));
        registration.addUrlPatterns(Routes.API, Routes.API + "/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }
}
