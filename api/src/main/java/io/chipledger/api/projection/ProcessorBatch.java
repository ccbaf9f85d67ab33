package io.chipledger.api.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
     * The items of the current batch under {@code key}; the first call of a batch registers
     * {@code deliver}, called with them as the batch commits.
     */
    public static <T> List<T> pending(String key, Consumer<List<T>> deliver) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, absent -> {
            List<T> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> deliver.accept(pending));
            return pending;
        });
    }
}
