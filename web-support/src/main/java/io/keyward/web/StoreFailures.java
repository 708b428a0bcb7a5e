package io.keyward.web;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a store that is down or restarting (PostgreSQL, MongoDB, a connection pool that cannot get a connection)
 * from a fault of the request or the code: the first is answered 503 with Retry-After, and the client may retry;
 * only the second is a 500. Decided by the exception types along the cause chain, by name, so that every service
 * can use it whichever store clients it has.
 */
public final class StoreFailures {

    /** How long a client is told to wait before it retries a request that met a store being unavailable. */
    public static final String RETRY_AFTER_SECONDS = "2";

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
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
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
        }
        return false;
    }
}
