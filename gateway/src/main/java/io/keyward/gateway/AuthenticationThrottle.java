package io.keyward.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyward.web.ErrorCode;
import io.keyward.web.ProblemDetails;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down guessing of PATs: every API request answered 401 (by the gateway's precheck or by a service) costs its
 * source address one token of a bucket of {@code burst} tokens, refilled at {@code perMinute}. A source with an empty
 * bucket is answered 429 with {@code Retry-After}, before anything checks its token (so a guess cannot be confirmed
 * meanwhile), and each such refusal is audited. Every other source keeps its own bucket and is not slowed.
 *
 * <p>The source is the address the gateway sees (behind a load balancer, configure Tomcat's trusted proxies so that
 * it is the client's). At most {@code maxSources} addresses are tracked; beyond that, new ones share one bucket, so
 * that a flood of addresses cannot exhaust memory (they slow each other down, not the sources already tracked).
 * Buckets that have filled up again are forgotten (swept at most once a minute, by a request that failed). Limits
 * are per gateway instance.</p>
 */
final class AuthenticationThrottle extends OncePerRequestFilter {

    static final String OVERFLOW = "*";
    private static final long SWEEP_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<AuthenticationThrottle> SWEEP =
            java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(AuthenticationThrottle.class, "lastSweep");

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double burst;
    private final double perNano;
    private final int maxSources;
    private final LongSupplier nanoTime;
    private final GatewayAudit audit;
    private final ObjectMapper json;
    private volatile long lastSweep;

    AuthenticationThrottle(int burst, int perMinute, int maxSources, LongSupplier nanoTime, GatewayAudit audit,
                           ObjectMapper json) {
        if (burst < 1 || perMinute < 1 || maxSources < 1) {
            throw new IllegalArgumentException("burst, perMinute and maxSources must be at least 1");
        }
        this.burst = burst;
        this.perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
        this.maxSources = maxSources;
        this.nanoTime = nanoTime;
        this.audit = audit;
        this.json = json;
        this.lastSweep = nanoTime.getAsLong();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = request.getRemoteAddr();
        long retryAfterSeconds = retryAfterSeconds(source);
        if (retryAfterSeconds > 0) {
            ErrorCode code = ErrorCode.TOO_MANY_FAILED_AUTHENTICATIONS;
            audit.refused(code.status().value(), "too_many_failed_authentications", source, request.getMethod(),
                    request.getRequestURI(), request.getHeader("X-Forwarded-Tenant-Id"));
            response.setStatus(code.status().value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ProblemDetails.of(code, "Too many failed authentications from " + source + "; retry in " + retryAfterSeconds + " s.",
                    request.getRequestURI()));
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            failed(source);
        }
    }

    /** Seconds until {@code source} may try again; 0 if it may now. */
    long retryAfterSeconds(String source) {
        Bucket bucket = buckets.get(source);
        if (bucket == null && buckets.size() >= maxSources) {
            bucket = buckets.get(OVERFLOW);
        }
        return bucket == null ? 0 : bucket.retryAfterSeconds(nanoTime.getAsLong());
    }

    /** Charges one failed authentication to {@code source}. */
    void failed(String source) {
        long now = nanoTime.getAsLong();
        long swept = lastSweep;
        if (now - swept > SWEEP_EVERY_NANOS && SWEEP.compareAndSet(this, swept, now)) {
            forgetRecovered();
        }
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            String key = buckets.size() >= maxSources ? OVERFLOW : source;
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        bucket.take(now);
    }

    /** Forgets the sources whose buckets are full again (called periodically). */
    void forgetRecovered() {
        long now = nanoTime.getAsLong();
        buckets.entrySet().removeIf(entry -> entry.getValue().isFull(now));
    }

    int trackedSources() {
        return buckets.size();
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        /** Failures beyond the burst (concurrent guesses that passed the check together) are owed, up to a burst. */
        synchronized void take(long now) {
            refill(now);
            tokens = Math.max(-burst, tokens - 1);
        }

        synchronized long retryAfterSeconds(long now) {
            refill(now);
            return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e9);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
