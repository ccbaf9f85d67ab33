package io.chipledger.api.store;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognises PostgreSQL's unique-violation (SQLState 23505) anywhere in the cause chain,
 * including the next exceptions of a JDBC batch. Axon's default resolver looks at vendor error
 * codes, which PostgreSQL leaves at zero, so two nodes appending the same wallet sequence would
 * surface as a plain store error instead of a concurrency conflict that is retried.
 */
class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";
    /** Enough to walk any real chain of causes and batch exceptions; guards against cycles. */
    static final int CAUSES_INSPECTED_MAX = 32;

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Throwable cause = exception;
        for (int inspected = 0; cause != null && inspected < CAUSES_INSPECTED_MAX; inspected++) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            cause = cause.getCause();
        }
        return false;
    }
}
