package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.pat.PatFormat;
import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The entry point's share of authentication: an API request without a bearer token, or with one that cannot be a
 * Keyward PAT (wrong form or checksum), is refused here with 401, in memory, before it costs a service anything.
 * Everything else (revocation, expiry, tenant, role) is decided by the services, which check every request again,
 * or, for the introspection the gateway answers itself, by its {@link LocalIntrospection}'s authentication.
 */
class BearerPrecheckFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";
    private final ObjectMapper json;
    private final GatewayAudit audit;

    BearerPrecheckFilter(ObjectMapper json, GatewayAudit audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            reject(request, response, "missing_token",
                    "The Authorization header is missing; send 'Authorization: Bearer <PAT>'.", false);
            return;
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reject(request, response, "not_bearer", "The Authorization header must have the form 'Bearer <PAT>'.",
                    true);
            return;
        }
        switch (PatFormat.inspect(authorization.substring(BEARER.length()).strip())) {
            case MALFORMED -> reject(request, response, "malformed_token", "The bearer token is not a Keyward PAT.",
                    true);
            case BAD_CHECKSUM -> reject(request, response, "bad_checksum",
                    "The bearer token is not a valid Keyward PAT (checksum mismatch).", true);
            case WELL_FORMED -> chain.doFilter(request, response);
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String reason, String detail,
                        boolean invalid) throws IOException {
        audit.refused(reason, request.getRemoteAddr(), request.getMethod(), request.getRequestURI(),
                request.getHeader("X-Forwarded-Tenant-Id"));
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                invalid ? "Bearer realm=\"keyward\", error=\"invalid_token\"" : "Bearer realm=\"keyward\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
                ProblemDetails.of(ErrorCode.UNAUTHENTICATED, detail, request.getRequestURI()));
    }
}
