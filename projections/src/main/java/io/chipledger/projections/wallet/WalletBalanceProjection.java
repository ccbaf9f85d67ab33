package io.chipledger.projections.wallet;

import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.WalletFrozenEvent;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletOpenedEvent;
import io.chipledger.core.wallet.WalletUnfrozenEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import io.chipledger.core.wallet.WithdrawalRequestedEvent;
import io.chipledger.projections.BatchedWrites;
import io.chipledger.projections.EventPosition;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wallet balances per asset, wallet status, pending withdrawals and the partner's system
 * accounts. Every write is idempotent: balances carry the wallet sequence they reflect and only
 * move forward, system account entries are keyed by the event's own position in the store
 * ({@link EventPosition}), so a replay never counts twice and no two events share an entry.
 * Balances and entries are written once per batch of events ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(WalletBalanceProjection.GROUP)
public class WalletBalanceProjection {

    public static final String GROUP = "wallet-balances";

    private final JdbcTemplate jdbc;
    private final BatchedWrites writes;

    public WalletBalanceProjection(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(GROUP, jdbc, transactions);
    }

    @MessageHandlerInterceptor
    Object oneEventAtATime(InterceptorChain chain) throws Exception {
        return writes.handle(chain);
    }

    public record AssetBalance(String asset, long availableMinor, long reservedMinor) {
    }

    public record WalletView(String partnerId, String playerId, String status, List<AssetBalance> balances) {
    }

    /** A system account's balance: the sum of many wallets' movements, so it may pass what a {@code long} holds. */
    public record SystemAccountBalance(String account, String asset, BigInteger balanceMinor) {
    }

    public record ExpiredWithdrawal(WalletId walletId, String withdrawalPartnerTransactionId) {

        /**
         * The withdrawal's key as a parked item, {@code partner:player:withdrawal id} (at most 258
         * characters); {@link #expiredWithdrawals} builds the same in SQL. Neither id of the wallet
         * holds a colon, so the key names one withdrawal.
         */
        public String itemKey() {
            return walletId + ":" + withdrawalPartnerTransactionId;
        }
    }

    @EventHandler
    void on(WalletOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        writes.update("INSERT INTO wallet (partner_id, player_id, status, status_sequence, opened_at) VALUES (?, ?, 'ACTIVE', ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                event.walletId().partnerId(), event.walletId().playerId(), sequence, sqlTime(at));
    }

    /** Forward only: a row moves to a newer wallet sequence, never back, so a replay cannot undo a newer balance. */
    private static final String UPSERT_BALANCE = "INSERT INTO wallet_balance (partner_id, player_id, asset, available_minor, "
            + "reserved_minor, wallet_sequence, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, player_id, asset) "
            + "DO UPDATE SET available_minor = EXCLUDED.available_minor, reserved_minor = EXCLUDED.reserved_minor, "
            + "wallet_sequence = EXCLUDED.wallet_sequence, updated_at = EXCLUDED.updated_at "
            + "WHERE wallet_balance.wallet_sequence < EXCLUDED.wallet_sequence";
    private static final String INSERT_SYSTEM_ENTRY = "INSERT INTO system_account_entry (event_position, partner_id, account, asset, "
            + "amount_minor) VALUES (" + EventPosition.OF_EVENT + ", ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    @EventHandler
    void on(MoneyMovedEvent event, @SequenceNumber long sequence, @MessageIdentifier String eventId, @Timestamp Instant at) {
        WalletId wallet = event.walletId();
        Map<Object, Object[]> balanceRows = writes.rows(UPSERT_BALANCE);
        for (Map.Entry<String, Balance> after : event.balancesAfter().entrySet()) {
            requireNotNegative(wallet, after.getKey(), after.getValue());
            balanceRows.put(wallet + "/" + after.getKey(), new Object[] {wallet.partnerId(), wallet.playerId(), after.getKey(),
                    after.getValue().available(), after.getValue().reserved(), sequence, sqlTime(at)});
        }
        // One entry per account and asset: a play's stake and a reward in the same token net out.
        Map<List<String>, Long> systemSums = new LinkedHashMap<>();
        for (Posting posting : event.postings()) {
            if (!posting.isPlayerAccount()) {
                systemSums.merge(List.of(posting.account(), posting.asset()), posting.amountMinor(), Math::addExact);
            }
        }
        Map<Object, Object[]> systemRows = writes.rows(INSERT_SYSTEM_ENTRY);
        systemSums.forEach((accountAndAsset, sum) -> {
            if (sum != 0) {
                systemRows.put(eventId + "/" + accountAndAsset, new Object[] {eventId, wallet.partnerId(),
                        accountAndAsset.get(0), accountAndAsset.get(1), sum});
            }
        });
        if (event instanceof WithdrawalRequestedEvent requested) {
            writes.update("INSERT INTO pending_withdrawal (partner_id, player_id, withdrawal_partner_transaction_id, asset, amount_minor, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    wallet.partnerId(), wallet.playerId(), requested.partnerTransactionId(), requested.asset(),
                    requested.amountMinor(), sqlTime(requested.expiresAt()));
        } else if (event instanceof WithdrawalApprovedEvent approved) {
            forgetPendingWithdrawal(wallet, approved.withdrawalPartnerTransactionId());
        } else if (event instanceof WithdrawalReleasedEvent released) {
            forgetPendingWithdrawal(wallet, released.withdrawalPartnerTransactionId());
        }
    }

    @EventHandler
    void on(WalletFrozenEvent event, @SequenceNumber long sequence) {
        setStatus(event.walletId(), "FROZEN", sequence);
    }

    @EventHandler
    void on(WalletUnfrozenEvent event, @SequenceNumber long sequence) {
        setStatus(event.walletId(), "ACTIVE", sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE wallet, wallet_balance, system_account_entry, pending_withdrawal");
    }

    public java.util.Optional<WalletView> wallet(WalletId walletId) {
        List<AssetBalance> balances = jdbc.query(
                "SELECT asset, available_minor, reserved_minor FROM wallet_balance WHERE partner_id = ? AND player_id = ? ORDER BY asset",
                (row, i) -> new AssetBalance(row.getString(1), row.getLong(2), row.getLong(3)),
                walletId.partnerId(), walletId.playerId());
        return jdbc.query("SELECT status FROM wallet WHERE partner_id = ? AND player_id = ?",
                (row, i) -> new WalletView(walletId.partnerId(), walletId.playerId(), row.getString(1), balances),
                walletId.partnerId(), walletId.playerId()).stream().findFirst();
    }

    /**
     * The wallets a player id has, one per partner where it has one, by partner id after
     * {@code afterPartnerId} (null: from the first), at most {@code limit}; each with its balances.
     * Read through the index by player (migration V29): two queries whatever the count.
     */
    public List<WalletView> walletsOfPlayer(String playerId, String afterPartnerId, int limit) {
        List<String[]> wallets = jdbc.query("SELECT partner_id, status FROM wallet WHERE player_id = ? AND partner_id > ? "
                        + "ORDER BY partner_id LIMIT ?", (row, i) -> new String[] {row.getString(1), row.getString(2)},
                playerId, afterPartnerId == null ? "" : afterPartnerId, limit);
        if (wallets.isEmpty()) {
            return List.of();
        }
        Map<String, List<AssetBalance>> balances = new LinkedHashMap<>();
        String[] partners = wallets.stream().map(wallet -> wallet[0]).toArray(String[]::new);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT partner_id, asset, available_minor, reserved_minor FROM wallet_balance "
                    + "WHERE player_id = ? AND partner_id = ANY (?) ORDER BY partner_id, asset");
            statement.setString(1, playerId);
            statement.setArray(2, connection.createArrayOf("varchar", partners));
            return statement;
        }, (ResultSet row) -> {
            balances.computeIfAbsent(row.getString(1), partner -> new ArrayList<>())
                    .add(new AssetBalance(row.getString(2), row.getLong(3), row.getLong(4)));
        });
        return wallets.stream().map(wallet -> new WalletView(wallet[0], playerId, wallet[1], balances.getOrDefault(wallet[0], List.of())))
                .toList();
    }

    public List<SystemAccountBalance> systemAccounts(String partnerId) {
        return jdbc.query("SELECT account, asset, balance_minor FROM system_account_balance WHERE partner_id = ? ORDER BY account, asset",
                (row, i) -> new SystemAccountBalance(row.getString(1), row.getString(2), row.getBigDecimal(3).toBigIntegerExact()),
                partnerId);
    }

    /**
     * Pending withdrawals past their deadline, oldest first, at most {@code limit}, leaving out those
     * the expiry sweeper parked under {@code parkedJob}: parked items must not fill the batch, or
     * no withdrawal behind them would ever be released. {@code parked_job_item} is the api module's
     * table (its migration V11), read here so that the skip stays inside the expiry index's scan:
     * one primary-key probe per candidate, by {@link ExpiredWithdrawal#itemKey()}.
     */
    public List<ExpiredWithdrawal> expiredWithdrawals(Instant now, int limit, String parkedJob) {
        return jdbc.query("SELECT w.partner_id, w.player_id, w.withdrawal_partner_transaction_id FROM pending_withdrawal w "
                        + "WHERE w.expires_at <= ? AND NOT EXISTS (SELECT 1 FROM parked_job_item p WHERE p.job = ? "
                        + "AND p.item_key = w.partner_id || ':' || w.player_id || ':' || w.withdrawal_partner_transaction_id "
                        + "AND p.retry_requested_at IS NULL) "
                        + "ORDER BY w.expires_at LIMIT ?",
                (row, i) -> new ExpiredWithdrawal(new WalletId(row.getString(1), row.getString(2)), row.getString(3)),
                sqlTime(now), parkedJob, limit);
    }

    private void forgetPendingWithdrawal(WalletId wallet, String withdrawalPartnerTransactionId) {
        writes.update("DELETE FROM pending_withdrawal WHERE partner_id = ? AND player_id = ? AND withdrawal_partner_transaction_id = ?",
                wallet.partnerId(), wallet.playerId(), withdrawalPartnerTransactionId);
    }

    /** Only a newer freeze or unfreeze changes the status, so a replay cannot set an older one. */
    private void setStatus(WalletId wallet, String status, long sequence) {
        writes.update("UPDATE wallet SET status = ?, status_sequence = ? WHERE partner_id = ? AND player_id = ? AND status_sequence < ?",
                status, sequence, wallet.partnerId(), wallet.playerId(), sequence);
    }

    private static java.sql.Timestamp sqlTime(Instant instant) {
        return java.sql.Timestamp.from(instant);
    }

    private static void requireNotNegative(WalletId wallet, String asset, Balance balance) {
        if (balance.available() < 0 || balance.reserved() < 0) {
            throw new IllegalStateException("event for " + wallet + " takes " + asset + " below zero: " + balance);
        }
    }
}
