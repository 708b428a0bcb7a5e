package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The entry point's own filters. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    GatewayAudit gatewayAudit(@Value("${keyward.kafka.bootstrap-servers:127.0.0.1:9092}") String bootstrapServers,
                              MeterRegistry registry) {
        return new GatewayAudit(bootstrapServers, Clock.systemUTC(), registry);
    }

    @Bean
    FilterRegistrationBean<BearerPrecheckFilter> bearerPrecheckFilter(ObjectMapper json, GatewayAudit audit) {
        var registration = new FilterRegistrationBean<>(new BearerPrecheckFilter(json, audit));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
