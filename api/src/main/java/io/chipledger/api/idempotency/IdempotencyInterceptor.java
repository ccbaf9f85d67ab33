package io.chipledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.store.StableNameSerializer;
import io.chipledger.core.wallet.WalletReceipt;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Exactly once per idempotency key, decided by PostgreSQL, not by memory, so it holds across
 * nodes and restarts. Runs inside the command's unit of work and transaction:
 * <ol>
 * <li>claim the key with an insert; a concurrent duplicate blocks on the primary key until the
 * first commits, then finds its stored outcome (or, if the first failed, claims the key itself);</li>
 * <li>a key already used for a different request hash is a conflict;</li>
 * <li>otherwise handle the command, and when its events are written, store the outcome with the
 * events' position in the same transaction. A failed command stores nothing.</li>
 * </ol>
 */
@Component
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ObjectMapper OUTCOME_JSON = StableNameSerializer.eventObjectMapper();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IdempotencyInterceptor(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        IdempotencyMetaData key = IdempotencyMetaData.from(unitOfWork.getMessage().getMetaData());
        if (key == null) {
            return chain.proceed();
        }
        int claimed = jdbc.update("INSERT INTO idempotency_key (partner_id, idempotency_key, request_hash) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", key.partnerId(), key.idempotencyKey(), key.requestHash());
        if (claimed == 0) {
            return CommandOutcome.replayed(storedOutcome(key));
        }
        WalletReceipt receipt = (WalletReceipt) chain.proceed();
        CommandOutcome outcome = CommandOutcome.pending();
        unitOfWork.onPrepareCommit(work -> {
            RecordedOutcome recorded = new RecordedOutcome(receipt, positionOf(receipt), clock.instant());
            jdbc.update("UPDATE idempotency_key SET outcome = ? WHERE partner_id = ? AND idempotency_key = ?",
                    json(recorded), key.partnerId(), key.idempotencyKey());
            outcome.record(recorded);
        });
        return outcome;
    }

    private record StoredKey(String requestHash, String outcomeJson) {
    }

    private RecordedOutcome storedOutcome(IdempotencyMetaData key) throws JsonProcessingException {
        List<StoredKey> rows = jdbc.query("SELECT request_hash, outcome FROM idempotency_key WHERE partner_id = ? AND idempotency_key = ?",
                (row, i) -> new StoredKey(row.getString(1), row.getString(2)), key.partnerId(), key.idempotencyKey());
        if (rows.size() != 1 || rows.get(0).outcomeJson() == null) {
            throw new IllegalStateException("idempotency key " + key.idempotencyKey() + " is claimed but has no committed outcome");
        }
        if (!rows.get(0).requestHash().equals(key.requestHash())) {
            throw new IdempotencyKeyReusedException(key.idempotencyKey());
        }
        return OUTCOME_JSON.readValue(rows.get(0).outcomeJson(), RecordedOutcome.class);
    }

    /** The global index of the wallet's newest event, just written in this transaction. */
    private long positionOf(WalletReceipt receipt) {
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, receipt.walletId().toString());
        if (position == null) {
            throw new IllegalStateException("wallet " + receipt.walletId() + " answered a command but has no events");
        }
        return position;
    }

    private static String json(RecordedOutcome outcome) {
        try {
            return OUTCOME_JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an outcome is plain data and always serializes", e);
        }
    }
}
