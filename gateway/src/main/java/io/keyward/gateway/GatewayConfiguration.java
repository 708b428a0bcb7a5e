package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The entry point's own filters. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    FilterRegistrationBean<BearerPrecheckFilter> bearerPrecheckFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new BearerPrecheckFilter(json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }
}
