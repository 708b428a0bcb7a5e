package io.keyward.service.config;

import io.keyward.pat.PatHasher;
import io.keyward.service.audit.AccessDeniedAuditor;
import io.keyward.service.audit.AuthenticationFailureMetrics;
import io.keyward.service.security.CredentialCache;
import io.keyward.service.security.CredentialChangeListener;
import io.keyward.service.security.CredentialIndex;
import io.keyward.service.security.CredentialLookup;
import io.keyward.service.security.CredentialUsage;
import io.keyward.service.security.FenceAcknowledgements;
import io.keyward.service.security.Introspection;
import io.keyward.service.security.PatAuthenticator;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every process that authenticates PATs needs (the services and the gateway): the keyed hash with this
 * installation's pepper, the credential index in PostgreSQL, the credential cache and the listener that keeps it
 * true and acknowledges revocation fences (ADR 6), last-use tracking, and the audit and metrics of refused requests.
 * Each process decides itself which requests its {@link io.keyward.service.security.PatAuthenticationFilter} guards.
 */
@AutoConfiguration
@EnableConfigurationProperties(KeywardProperties.class)
public class KeywardAuthAutoConfiguration {

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
                            + " bytes, the same for every Keyward process (both services and the gateway), e.g. from "
                            + "`openssl rand -base64 48`.");
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

    @Bean
    PatAuthenticator patAuthenticator(PatHasher hasher, CredentialIndex index, ObjectProvider<CredentialCache> cache,
                                      Clock clock) {
        CredentialLookup lookup = cache.getIfAvailable();
        return new PatAuthenticator(hasher, lookup != null ? lookup : index, clock);
    }

    @Bean
    Introspection introspection(PatAuthenticator authenticator) {
        return new Introspection(authenticator);
    }

    @Bean
    CredentialUsage credentialUsage(JdbcTemplate jdbc, Clock clock,
                                    @Value("${keyward.pat.last-use-interval:60s}") Duration interval) {
        return new CredentialUsage(jdbc, clock, interval);
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
}
