package io.chipledger.api;

import io.chipledger.api.command.LedgerBusyException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure of the moment from a failure of the thing being processed: the database away
 * or overloaded, a serialization conflict or deadlock, the ledger busy, or no command handler
 * (the service starting or stopping). Such a failure is no reason to set an item aside: the
 * projections retry the batch (ParkingPolicy) and the background jobs end their run and go on at
 * the next (JobSweep), so an outage or a restart parks nothing an operator must retry.
 */
public final class FailuresOfTheMoment {

    /** SQLSTATE classes of a failure of the moment: connection, transaction rollback, resources, operator intervention. */
    private static final String[] TRANSIENT_SQL_STATES = {"08", "40", "53", "57"};
    /**
     * SQLSTATEs of a database that is away: any connection failure (class 08), and the server shutting
     * down or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
     */
    private static final String[] DATABASE_AWAY_SQL_STATES = {"08", "57P01", "57P02", "57P03"};
    /** How deep the chain of causes is searched; chains are short, and a cycle must not loop. */
    private static final int CAUSE_DEPTH_MAX = 20;

    private FailuresOfTheMoment() {
    }

    public static boolean isOfTheMoment(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException || cause instanceof TransactionException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof AxonTransientException || cause instanceof LedgerBusyException
                    || cause instanceof NoHandlerForCommandException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                for (String sqlStateClass : TRANSIENT_SQL_STATES) {
                    if (sql.getSQLState().startsWith(sqlStateClass)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A failure of the moment of one kind: the database cannot be reached (down, restarting, the
     * connection cut), as opposed to a conflict or deadlock that one transaction meets. Nothing
     * that needs the database can go through until it is back ({@code DatabaseReachability}).
     */
    public static boolean isDatabaseAway(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < CAUSE_DEPTH_MAX; depth++, cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                for (String sqlState : DATABASE_AWAY_SQL_STATES) {
                    if (sql.getSQLState().startsWith(sqlState)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
