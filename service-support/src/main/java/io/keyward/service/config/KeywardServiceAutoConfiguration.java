package io.keyward.service.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.keyward.service.audit.AuthorizationAudit;
import io.keyward.service.security.CallerArgumentResolver;
import io.keyward.service.security.CredentialUsage;
import io.keyward.service.security.FenceAcknowledgements;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.service.security.PatAuthenticator;
import io.keyward.service.security.RevocationFence;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What both services need to answer API calls, on top of {@link KeywardAuthAutoConfiguration}: every API request
 * authenticated by its PAT, the caller as a controller argument, the audit of authorization refusals, and the
 * revocation fence of revoking commands.
 */
@AutoConfiguration(after = KeywardAuthAutoConfiguration.class)
public class KeywardServiceAutoConfiguration {

    /**
     * The fence has a small pool of its own, not a DataSource bean (that would replace the service's): it runs while
     * a revoking command holds its aggregate's lock, when every connection of the request pool may belong to commands
     * queued for that lock (RacesIT's 32 concurrent issue and revoke commands on one account deadlocked the pool).
     */
    @Bean
    RevocationFence revocationFence(DataSourceProperties dataSource, FenceAcknowledgements acknowledgements,
                                    KeywardProperties properties) {
        HikariDataSource pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("keyward-fence");
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0); // opened by the first fence: the query-service never raises one
        pool.setConnectionTimeout(10_000);
        return new RevocationFence(new JdbcTemplate(pool), acknowledgements, properties.authCache().lease(),
                pool::close);
    }

    @Bean
    FilterRegistrationBean<PatAuthenticationFilter> patAuthenticationFilter(PatAuthenticator authenticator,
                                                                           ObjectMapper json,
                                                                           ApplicationEventPublisher events,
                                                                           Clock clock, CredentialUsage usage) {
        var registration = new FilterRegistrationBean<>(new PatAuthenticationFilter(authenticator, json, events,
                clock, usage));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerArgumentAndAuthorizationAudit(ApplicationEventPublisher events, Clock clock) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new AuthorizationAudit(events, clock)).addPathPatterns("/api/**");
            }
        };
    }

    @Bean
    ParentProcessWatchdog parentProcessWatchdog(@Value("${keyward.parent-pid:0}") long parentPid) {
        return new ParentProcessWatchdog(parentPid);
    }
}
