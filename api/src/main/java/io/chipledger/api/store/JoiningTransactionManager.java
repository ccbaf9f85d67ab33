package io.chipledger.api.store;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's transaction manager, except that a unit of work started inside a transaction that is
 * already open on the thread joins it without owning it: it neither commits nor rolls back.
 * Group commit runs many commands, each in its own nested unit of work, in one transaction; a
 * command that is refused must not mark the whole transaction rollback-only, as Spring's
 * participating transactions would. The owner of the transaction decides.
 */
class JoiningTransactionManager implements TransactionManager {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final TransactionManager delegate;

    JoiningTransactionManager(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive() ? JOINED : delegate.startTransaction();
    }
}
