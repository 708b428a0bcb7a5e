package io.keyward.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 to a request whose Content-Type is not one concrete media type (a wildcard type or subtype, or not a
 * media type at all) before anything reads it: Spring MVC would fail on it deep inside (an
 * IllegalArgumentException, a 500), and the gateway would forward it to do so there.
 */
final class ContentTypeFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    ContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && !concrete(contentType)) {
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemDetails.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type header must name one media type, such as application/json.",
                    request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
