package io.keyward.service.audit;

import io.keyward.service.security.AccessDeniedEvent;
import io.keyward.service.security.Caller;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Announces refusals decided after authentication (a role missing, roles above the caller's own) as
 * {@link AccessDeniedEvent}s, like the refusals of the authentication filter, so both are audited alike.
 */
public class AuthorizationAudit implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationAudit.class);
    private static final Set<ErrorCode> DENIALS = Set.of(ErrorCode.ROLE_REQUIRED, ErrorCode.ROLES_EXCEED_CALLER);

    private final ApplicationEventPublisher events;
    private final Clock clock;

    public AuthorizationAudit(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (!(request.getAttribute(ProblemHandler.ERROR_CODE) instanceof ErrorCode code) || !DENIALS.contains(code)) {
            return;
        }
        Caller caller = (Caller) request.getAttribute(PatAuthenticationFilter.CALLER);
        AccessDeniedEvent denied = new AccessDeniedEvent(code.code(), response.getStatus(),
                caller == null ? null : caller.credentialId(), caller == null ? null : caller.userId(),
                caller == null ? null : caller.tenantId(), request.getRemoteAddr(), request.getMethod(),
                request.getRequestURI(), clock.instant());
        log.info("Refused {} {} with {}: {} (credential {}, address {})", denied.method(), denied.path(),
                denied.status(), denied.reason(), denied.credentialId(), denied.address());
        events.publishEvent(denied);
    }
}
