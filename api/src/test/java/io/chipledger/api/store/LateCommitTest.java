package io.chipledger.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.core.wallet.DepositFundsCommand;
import io.chipledger.core.wallet.WalletId;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An event whose transaction commits late, just inside the bound on how long a transaction may
 * stay open ({@link AppendTransactionBound}), reaches every projection: the tracking processors
 * read many newer events past its gap while it is open, and still wait for it.
 */
class LateCommitTest extends LedgerApiTest {

    @Autowired
    private CommandGateway commandGateway;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private LedgerProperties properties;
    @Autowired
    private EventStorageEngine storageEngine;

    /**
     * The engine waits for gaps as the bound requires, not with Axon's defaults: with those (10,000
     * newer events) a busy minute would give up on a late commit this test's light load cannot reach.
     */
    @Test
    void theStoreWaitsForGapsAsLongAsTheBoundRequires() throws ReflectiveOperationException {
        Object jdbcEngine = storageEngine;
        Duration gapTimeout = AppendTransactionBound.gapTimeout(properties.groupCommit().answerWaitMax());
        assertThat(field(jdbcEngine, JdbcEventStorageEngine.class, "gapTimeout")).isEqualTo(Math.toIntExact(gapTimeout.toMillis()));
        assertThat(field(jdbcEngine, JdbcEventStorageEngine.class, "maxGapOffset")).isEqualTo(AppendTransactionBound.MAX_GAP_OFFSET);
        assertThat(field(jdbcEngine, JdbcEventStorageEngine.class, "gapCleaningThreshold"))
                .isEqualTo(AppendTransactionBound.GAP_CLEANING_THRESHOLD);
    }

    /** Axon keeps the engine's settings private; reading them is the only way to see what it was built with. */
    private static Object field(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = declaring.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    @Test
    void anEventCommittedJustInsideTheBoundReachesEveryProjection() throws Exception {
        String[] partner = client.newPartner();
        Reply opened = client.deposit(partner[1], "late", "1.00", "USD");
        client.get(partner[1], "/api/v1/wallets/late?consistent_with=" + opened.body().path("position").asLong());
        Duration hold = properties.groupCommit().answerWaitMax().minusSeconds(1);

        CountDownLatch appended = new CountDownLatch(1);
        CompletableFuture<Void> slowTransaction = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(
                status -> {
                    commandGateway.sendAndWait(new DepositFundsCommand(new WalletId(partner[0], "late"), UUID.randomUUID().toString(),
                            "late-deposit", "USD", 500));
                    appended.countDown();
                    sleep(hold);
                }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger others = new AtomicInteger();
        long deadline = System.nanoTime() + hold.minusSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            client.deposit(partner[1], "busy-" + others.incrementAndGet() % 20, "0.01", "USD");
        }
        slowTransaction.get(30, TimeUnit.SECONDS);
        long lateEvent = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 2", Long.class, partner[0] + ":late");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ? AND aggregate_identifier LIKE ?",
                Long.class, lateEvent, partner[0] + ":busy-%")).as("newer events committed while it was open").isGreaterThan(20);

        assertThat(eventually(600, "SELECT available_minor FROM wallet_balance WHERE partner_id = ? AND player_id = 'late'", partner[0]))
                .isEqualTo(600);
        assertThat(eventually(2, "SELECT count(*) FROM wallet_transaction WHERE partner_id = ? AND player_id = 'late'", partner[0]))
                .isEqualTo(2);
        assertThat(eventually(1, "SELECT count(*) FROM system_account_entry WHERE event_position = ?", lateEvent)).isEqualTo(1);
        assertThat(eventually(600 + others.get(), "SELECT COALESCE(-SUM(amount_minor), 0) FROM system_account_entry WHERE partner_id = ?",
                partner[0])).as("the cashier paid every deposit").isEqualTo(600 + others.get());
        assertThat(eventually(1, "SELECT count(*) FROM player_activity WHERE partner_id = ? AND player_id = 'late' "
                + "AND last_charge_at IS NOT NULL", partner[0])).isEqualTo(1);
    }

    /** The query's figure once it equals {@code expected}, or its last figure after 30 s. */
    private long eventually(long expected, String sql, Object... parameters) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long figure = jdbc.queryForObject(sql, Long.class, parameters);
        while (figure != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            figure = jdbc.queryForObject(sql, Long.class, parameters);
        }
        return figure;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
