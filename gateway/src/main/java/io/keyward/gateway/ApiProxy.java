package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemDetails;
import io.keyward.web.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forwards the guide's API ({@value Routes#API}) to the service {@link Routes} picks, over pooled keep-alive
 * connections, and streams the answer back unchanged. It is the last of the gateway's filters: the request id, the
 * body size limit and the bearer precheck have run before it, and no dispatcher, handler mapping or message
 * conversion runs for a forwarded request.
 *
 * <p>The client's {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are replaced by what the gateway saw, and
 * the request id is passed on. A path that only means something after decoding or normalisation (percent escapes,
 * dot segments) is refused with 400 rather than forwarded in a form the service might read differently. A service
 * that cannot be reached is answered with 503 and a problem body.</p>
 */
final class ApiProxy extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiProxy.class);
    /** Connection-level headers (RFC 9110, 7.6.1) and those the client library sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "x-forwarded-for", "x-forwarded-proto", RequestIdFilter.HEADER.toLowerCase(Locale.ROOT));
    private static final Set<String> NOT_RETURNED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

    private final Routes routes;
    private final CloseableHttpClient http;
    private final ObjectMapper json;

    ApiProxy(Routes routes, CloseableHttpClient http, ObjectMapper json) {
        this.routes = routes;
        this.http = http;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !Routes.isApi(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath();
        String rawPath = request.getRequestURI();
        if (!rawPath.equals(request.getContextPath() + path)) {
            problem(response, ErrorCode.INVALID_REQUEST,
                    "The path must be given plainly: no percent escapes, dot segments or repeated slashes.", path);
            return;
        }
        Routes.Target target = routes.target(request.getMethod(), path);
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (java.io.EOFException | org.apache.catalina.connector.ClientAbortException e) {
            // the body ended before its length or its last chunk: the client's mistake (or it went away)
            problem(response, ErrorCode.INVALID_REQUEST,
                    "The request body could not be read: it ended early or its framing is invalid.", path);
            return;
        } catch (IOException e) {
            // the body limit: the size filter around this one answers 413
            throw new ServletException("request body not read", e);
        }
        String query = request.getQueryString();
        HttpUriRequestBase forwarded = new HttpUriRequestBase(request.getMethod(),
                URI.create(target.base() + rawPath + (query == null ? "" : "?" + query)));
        for (String name : Collections.list(request.getHeaderNames())) {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : Collections.list(request.getHeaders(name))) {
                    forwarded.addHeader(name, value);
                }
            }
        }
        forwarded.setHeader("X-Forwarded-For", request.getRemoteAddr());
        forwarded.setHeader("X-Forwarded-Proto", request.getScheme());
        Object requestId = request.getAttribute(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            forwarded.setHeader(RequestIdFilter.HEADER, requestId.toString());
        }
        if (body.length > 0 || request.getContentType() != null) {
            String contentType = request.getContentType();
            forwarded.setEntity(new ByteArrayEntity(body, contentType == null ? null : ContentType.parse(contentType)));
        }
        try {
            http.execute(forwarded, answer -> {
                relay(answer, response);
                return null;
            });
        } catch (IOException e) {
            if (response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} could not be forwarded to the {}: {}", request.getMethod(), path, target.service(),
                    e.toString());
            response.reset();
            problem(response, ErrorCode.UNAVAILABLE,
                    "The " + target.service() + " is not reachable; try again shortly.", path);
        }
    }

    private static void relay(ClassicHttpResponse answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getCode());
        Set<String> relayed = new HashSet<>();
        for (Header header : answer.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (NOT_RETURNED.contains(name)) {
                continue;
            }
            // The service's value replaces one the gateway set (the request id); repeated headers all pass.
            if (relayed.add(name)) {
                response.setHeader(header.getName(), header.getValue());
            } else {
                response.addHeader(header.getName(), header.getValue());
            }
        }
        HttpEntity entity = answer.getEntity();
        if (entity == null) {
            response.setContentLength(0);
            return;
        }
        if (entity.getContentLength() >= 0) {
            response.setContentLengthLong(entity.getContentLength());
        }
        try (InputStream in = entity.getContent()) {
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
        }
    }

    private void problem(HttpServletResponse response, ErrorCode code, String detail, String path)
            throws IOException {
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetails.of(code, detail, path));
    }
}
