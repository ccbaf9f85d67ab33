package io.chipledger.api.projection;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What a delivery processor (the ClickHouse sink, the Kafka publisher) gathers over one batch of a
 * streaming processor and hands over once, just before the batch's token is stored. Should the hand
 * over fail, the batch fails: its token does not move, and Axon handles the batch again after a
 * pause. So nothing is stored as delivered that was not.
 */
public final class ProcessorBatch {

    private ProcessorBatch() {
    }

    /**
     * What the current batch gathered under {@code key}; the first call of a batch makes it
     * ({@code fresh}) and registers {@code deliver}, called with it as the batch commits.
     */
    public static <T> T pending(String key, Supplier<T> fresh, Consumer<T> deliver) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, absent -> {
            T pending = fresh.get();
            unitOfWork.onPrepareCommit(committing -> deliver.accept(pending));
            return pending;
        });
    }
}
