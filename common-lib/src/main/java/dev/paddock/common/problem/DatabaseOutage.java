package dev.paddock.common.problem;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Tells a lost or unreachable database apart from other failures, so that callers get a 503 to retry instead of a 500
 * to report: the pool cannot hand out a connection (the server is restarting, refuses connections, or is gone), or a
 * connection broke mid-request. Recognised by class name along the cause chain, so services without a database carry
 * no JDBC dependency for it.
 */
public final class DatabaseOutage {

    /** How long a caller should wait before retrying, in seconds (the {@code Retry-After} header). */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final java.util.Set<String> SIGNS = java.util.Set.of(
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            "org.hibernate.exception.JDBCConnectionException",
            "java.sql.SQLTransientConnectionException",
            "java.sql.SQLNonTransientConnectionException");

    private DatabaseOutage() {}

    /**
     * Whether {@code failure}, one of its causes or what they suppressed says the database could not be reached: a
     * known exception type, an {@link SQLException} of SQLSTATE class 08 (connection exception), or one from a pooled
     * connection whose socket broke — what a transaction's rollback reports when the server went away mid-request.
     */
    public static boolean causes(@Nullable Throwable failure) {
        return causes(failure, 0);
    }

    private static boolean causes(@Nullable Throwable failure, int depth) {
        if (failure == null || depth > 20) {
            return false;
        }
        if (failure instanceof SQLException sql && (isConnectionState(sql) || fromClosedPooledConnection(sql))) {
            return true;
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (SIGNS.contains(type.getName())) {
                return true;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (causes(suppressed, depth + 1)) {
                return true;
            }
        }
        return failure.getCause() != failure && causes(failure.getCause(), depth + 1);
    }

    private static boolean isConnectionState(SQLException failure) {
        return failure.getSQLState() != null && failure.getSQLState().startsWith("08");
    }

    /**
     * HikariCP hands a connection whose socket broke a closed stand-in, which refuses everything (a transaction's
     * rollback included) with a plain {@code SQLException("Connection is closed")} and no SQLSTATE.
     */
    private static boolean fromClosedPooledConnection(SQLException failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 0
                && frames[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection");
    }

    public static ProblemDetail problem() {
        return Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "database-unavailable",
                "Database unavailable",
                "The service cannot reach its database right now, so the request was not carried out. Retry in "
                        + RETRY_AFTER_SECONDS + " seconds; if it persists, check the database server.");
    }

    public static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        return headers;
    }
}
