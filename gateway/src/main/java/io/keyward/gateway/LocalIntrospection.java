package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.service.security.Caller;
import io.keyward.service.security.Introspection;
import io.keyward.service.security.PatAuthenticationFilter;
import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemDetails;
import io.keyward.web.StoreFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers RFC 7662 introspection ({@value #PATH}) in the gateway, from its own credential cache, instead of
 * forwarding it to the query-service: a streamer that checks every session's PAT pays for one HTTP hop, not two. The
 * gateway is a member of the credential cache like the services (ADR 6, ADR 7), so a revocation is not answered
 * before this cache has dropped the revoked credential.
 *
 * <p>Only a well-formed request is answered here: a POST with a form body to the plain path
 * ({@link #answersHere}). It is authenticated by the services' {@link PatAuthenticationFilter}, registered before
 * this filter for the same requests, which refuses or lets in the caller. Anything else (another method, a path in
 * an unusual form, another content type) goes on untouched, to be judged as before: the proxy refuses an unusual
 * path, the query-service answers 405, 415 or 400.</p>
 */
final class LocalIntrospection extends OncePerRequestFilter {

    static final String PATH = Routes.API + "/introspect";

    private final Introspection introspection;
    private final ObjectMapper json;

    LocalIntrospection(Introspection introspection, ObjectMapper json) {
        this.introspection = introspection;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !answersHere(request);
    }

    /** Whether {@code request} is one the gateway answers itself (and authenticates for that). */
    static boolean answersHere(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATH.equals(request.getServletPath())
                && request.getRequestURI().equals(request.getContextPath() + PATH) && isForm(request);
    }

    private static boolean isForm(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller = (Caller) request.getAttribute(PatAuthenticationFilter.CALLER);
        if (caller == null) {
            throw new IllegalStateException("introspection reached without an authenticated caller");
        }
        String[] tokens = request.getParameterValues("token");
        if (tokens == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemDetails.of(ErrorCode.INVALID_REQUEST,
                    "The form field 'token' is required: send token=<PAT>.", PATH));
            return;
        }
        // A repeated field is read as Spring binds it in the query-service: the values joined, never a valid PAT.
        Map<String, Object> answer;
        try {
            answer = introspection.introspect(caller, String.join(",", tokens));
        } catch (RuntimeException e) {
            if (!StoreFailures.isUnavailable(e)) {
                throw e;
            }
            StoreFailures.writeUnavailable(response, json, "The credential store is unavailable; retry shortly.", PATH);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), answer);
    }
}
