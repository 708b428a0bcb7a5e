package io.keyward.service.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.keyward.pat.PatHasher;
import io.keyward.service.audit.AccessDeniedAuditor;
import io.keyward.service.audit.AuthenticationFailureMetrics;
import io.keyward.service.audit.AuthorizationAudit;
import io.keyward.service.security.CallerArgumentResolver;
import io.keyward.service.security.CredentialCache;
import io.keyward.service.security.CredentialChangeListener;
import io.keyward.service.security.CredentialIndex;
import io.keyward.service.security.CredentialLookup;
import io.keyward.service.security.FenceAcknowledgements;
import io.keyward.service.security.CredentialUsage;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.service.security.PatAuthenticator;
import io.keyward.service.security.RevocationFence;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What both services need to answer API calls: PAT authentication against the credential index, the caller as a
 * controller argument, and problem details for every error.
 */
@AutoConfiguration
@EnableConfigurationProperties(KeywardProperties.class)
public class KeywardServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PatHasher patHasher(KeywardProperties properties) {
        String pepper = properties.pat().pepper();
        if (pepper == null || pepper.isBlank()) {
            throw new KeywardConfigurationException(
                    "No PAT pepper is configured (KEYWARD_PAT_PEPPER / keyward.pat.pepper).",
                    "Set KEYWARD_PAT_PEPPER to a secret of at least " + PatHasher.MIN_PEPPER_BYTES
                            + " bytes, the same for every Keyward service, e.g. from `openssl rand -base64 48`.");
        }
        byte[] bytes = pepper.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < PatHasher.MIN_PEPPER_BYTES) {
            throw new KeywardConfigurationException(
                    "The PAT pepper (KEYWARD_PAT_PEPPER) is only " + bytes.length + " bytes long.",
                    "Use a secret of at least " + PatHasher.MIN_PEPPER_BYTES + " bytes, e.g. from "
                            + "`openssl rand -base64 48`.");
        }
        return new PatHasher(bytes);
    }

    @Bean
    CredentialIndex credentialIndex(JdbcTemplate jdbc) {
        return new CredentialIndex(jdbc);
    }

    @Bean
    FenceAcknowledgements fenceAcknowledgements() {
        return new FenceAcknowledgements();
    }

    /** Verified credentials in memory, kept true by the {@link CredentialChangeListener} (ADR 6). */
    @Bean
    @ConditionalOnProperty(name = "keyward.auth-cache.enabled", havingValue = "true", matchIfMissing = true)
    CredentialCache credentialCache(CredentialIndex index, KeywardProperties properties, MeterRegistry registry) {
        KeywardProperties.AuthCache settings = properties.authCache();
        CredentialCache cache = new CredentialCache(index, settings.maxEntries(), settings.maxAge());
        FunctionCounter.builder("keyward.credential.cache.hits", cache, CredentialCache::hits)
                .description("Authentications answered from the credential cache").register(registry);
        FunctionCounter.builder("keyward.credential.cache.misses", cache, CredentialCache::misses)
                .description("Authentications that read the credential index").register(registry);
        Gauge.builder("keyward.credential.cache.size", cache, CredentialCache::size)
                .description("Credentials held in the credential cache").register(registry);
        return cache;
    }

    @Bean
    CredentialChangeListener credentialChangeListener(DataSourceProperties dataSource,
                                                      ObjectProvider<CredentialCache> cache,
                                                      FenceAcknowledgements acknowledgements,
                                                      KeywardProperties properties,
                                                      @Value("${spring.application.name:keyward}") String service) {
        return new CredentialChangeListener(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), cache.getIfAvailable(), acknowledgements, service,
                properties.authCache().lease());
    }

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
    PatAuthenticator patAuthenticator(PatHasher hasher, CredentialIndex index, ObjectProvider<CredentialCache> cache,
                                      Clock clock) {
        CredentialLookup lookup = cache.getIfAvailable();
        return new PatAuthenticator(hasher, lookup != null ? lookup : index, clock);
    }

    @Bean
    CredentialUsage credentialUsage(JdbcTemplate jdbc, Clock clock,
                                    @Value("${keyward.pat.last-use-interval:60s}") Duration interval) {
        return new CredentialUsage(jdbc, clock, interval);
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
    AccessDeniedAuditor accessDeniedAuditor(JdbcTemplate jdbc,
                                            @Value("${spring.application.name:keyward}") String service) {
        return new AccessDeniedAuditor(jdbc, service);
    }

    @Bean
    AuthenticationFailureMetrics authenticationFailureMetrics(MeterRegistry registry) {
        return new AuthenticationFailureMetrics(registry);
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
