package io.chipledger.projections;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows a tracking projection writes while it handles one batch of events, sent to
 * PostgreSQL as one JDBC batch per statement when the batch commits (with its token, in the same
 * transaction), instead of one round trip per row. Rows are keyed: a later row under the same key
 * replaces the earlier one, so a wallet's balance changed ten times in a batch is written once.
 * Only for writes whose order does not matter between rows of the same statement.
 */
public final class BatchedWrites {

    private BatchedWrites() {
    }

    /** The rows of {@code sql} for the batch being handled; put one {@code Object[]} of parameters per row. */
    public static Map<Object, Object[]> rows(JdbcTemplate jdbc, String sql) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BatchedWrites.class.getName() + ":" + sql, key -> {
            Map<Object, Object[]> rows = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> {
                if (!rows.isEmpty()) {
                    jdbc.batchUpdate(sql, new ArrayList<>(rows.values()));
                }
            });
            return rows;
        });
    }
}
