package io.keyward.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Tells the failures that are not Keyward's fault from those that are: a store that is down or restarting
 * (PostgreSQL, MongoDB, a connection pool that cannot get a connection) is answered 503 with Retry-After, and the
 * client may retry; a request body the client cut off is a 400; only the rest is a 500. Decided by the exception
 * types along the cause chain, by name, so that every service can use it whichever store clients it has.
 */
public final class StoreFailures {

    /** How long a client is told to wait before it retries a request that met a store being unavailable. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static final Set<String> UNAVAILABLE = Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.dao.QueryTimeoutException",
            "org.springframework.jdbc.CannotGetJdbcConnectionException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "java.sql.SQLTransientConnectionException",
            "java.sql.SQLRecoverableException",
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "java.net.ConnectException");

    private StoreFailures() {
    }

    /** Whether {@code failure}, or one of its causes, says a store could not be reached or is shutting down. */
    public static boolean isUnavailable(Throwable failure) {
        return anyCause(failure, cause -> {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin, crash or cannot-connect-now shutdown
            }
            if (cause instanceof SQLException && "Connection is closed".equals(cause.getMessage())) {
                return true; // HikariCP's proxy of a connection the pool evicted (the server went away) meanwhile
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (UNAVAILABLE.contains(type.getName())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Whether reading the request's body failed on the client's side (it ended early, broken chunking). */
    static boolean isBodyUnreadable(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof EOFException
                || cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")
                || cause.getClass().getName().equals("org.apache.coyote.BadRequestException"));
    }

    /** The answer to a request that met a store being unavailable: 503, Retry-After and a problem body. */
    static ResponseEntity<ProblemDetail> unavailable(String detail, String instance) {
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(ErrorCode.UNAVAILABLE, detail, instance));
    }

    /** {@link #unavailable(String, String)}, written by a servlet filter, outside Spring MVC. */
    public static void writeUnavailable(HttpServletResponse response, ObjectMapper json, String detail,
                                        String instance) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemDetails.of(ErrorCode.UNAVAILABLE, detail, instance));
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
