package io.keyward.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** Problem bodies for every error and the request size limit, in every Keyward process. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@Import({ProblemHandler.class, ProblemErrorController.class})
public class WebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJson() {
        return StrictJson.customizer();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${keyward.web.max-request-size:64KB}") DataSize maxRequestSize, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxRequestSize.toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    /** Tomcat's own refusals (before any filter runs) as problem bodies too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
        return registration;
    }
}
