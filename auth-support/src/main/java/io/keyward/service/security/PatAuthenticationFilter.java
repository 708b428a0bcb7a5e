package io.keyward.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.web.ProblemDetails;
import io.keyward.web.StoreFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every API request with its bearer PAT and tenant header before any controller runs. An allowed
 * request carries its {@link Caller} as the request attribute {@link #CALLER}; a refused one is answered here with a
 * problem body and announced as an {@link AccessDeniedEvent}.
 */
public class PatAuthenticationFilter extends OncePerRequestFilter {

    public static final String CALLER = Caller.class.getName();
    public static final String TENANT_HEADER = "X-Forwarded-Tenant-Id";
    private static final Logger log = LoggerFactory.getLogger(PatAuthenticationFilter.class);

    private final PatAuthenticator authenticator;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CredentialUsage usage;

    public PatAuthenticationFilter(PatAuthenticator authenticator, ObjectMapper json,
                                   ApplicationEventPublisher events, Clock clock, CredentialUsage usage) {
        this.authenticator = authenticator;
        this.json = json;
        this.events = events;
        this.clock = clock;
        this.usage = usage;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenant = request.getHeader(TENANT_HEADER);
        PatAuthenticator.Result result;
        try {
            result = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), tenant);
        } catch (RuntimeException e) {
            if (!StoreFailures.isUnavailable(e)) {
                throw e;
            }
            // the credential store is down or restarting: nobody is let in, and the client may retry
            log.warn("Cannot authenticate {} {}: the credential store is unavailable ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            StoreFailures.writeUnavailable(response, json, "The credential store is unavailable; retry shortly.",
                    request.getRequestURI());
            return;
        }
        if (result.isAuthenticated()) {
            Caller caller = result.caller();
            request.setAttribute(CALLER, caller);
            usage.record(caller.credentialId(), request.getRemoteAddr());
            MDC.put("tenant", caller.tenantId());
            MDC.put("actor", caller.userId());
            MDC.put("credentialId", caller.credentialId());
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove("tenant");
                MDC.remove("actor");
                MDC.remove("credentialId");
            }
            return;
        }
        AuthenticationFailure failure = result.failure();
        int status = failure.code().status().value();
        AccessDeniedEvent denied = new AccessDeniedEvent(failure.reason(), status, result.credentialId(), null,
                tenant, request.getRemoteAddr(), request.getMethod(), request.getRequestURI(), clock.instant());
        log.info("Refused {} {} with {}: {} (credential {}, address {})", denied.method(), denied.path(), status,
                denied.reason(), denied.credentialId(), denied.address());
        events.publishEvent(denied);

        ProblemDetail problem = ProblemDetails.of(failure.code(), failure.detail(), request.getRequestURI());
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, failure == AuthenticationFailure.MISSING_TOKEN
                    ? "Bearer realm=\"keyward\""
                    : "Bearer realm=\"keyward\", error=\"invalid_token\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
