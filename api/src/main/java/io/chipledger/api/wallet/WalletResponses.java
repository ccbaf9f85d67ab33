package io.chipledger.api.wallet;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.WalletReceipt;
import io.chipledger.projections.history.WalletTransactionProjection.WalletTransaction;
import io.chipledger.projections.wallet.WalletBalanceProjection.AssetBalance;
import io.chipledger.projections.wallet.WalletBalanceProjection.WalletView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Turns ledger figures (minor units) into the API's decimal strings in each asset's scale. */
@Component
public class WalletResponses {

    private final AssetRegistry assets;
    private final AnswerForm<MoneyResponse> moneyAnswer;

    WalletResponses(AssetRegistry assets) {
        this.assets = assets;
        this.moneyAnswer = new AnswerForm<>(MoneyResponse.class,
                outcome -> money((WalletReceipt) outcome.receipt(), outcome.position(), outcome.processedAt()));
    }

    public record BalanceView(String available, String reserved) {
    }

    /**
     * The answer to every money command: the ledger's transaction id, the player, the asset the
     * command moved ({@code currency}; left out, with {@code balance}, when it moved none: a rollback
     * of a bet the ledger never saw, a freeze) and its available balance, every asset's balances, the command's position (for
     * {@code consistent_with}) and when it was processed.
     */
    public record MoneyResponse(String transactionId, String playerId, String currency, String balance,
                                Map<String, BalanceView> balances, long position, Instant processedAt) {
    }

    record WalletResponse(String playerId, String status, Map<String, BalanceView> balances) {
    }

    record TransactionView(String transactionId, String transactionIdPartner, String type, String currency,
                           String amount, String reservedChange, String balanceAfter, String reservedAfter,
                           String gameId, String roundId, String referenceTransactionIdPartner, String reason,
                           String label, Long position, Instant occurredAt) {
    }

    record TransactionPage(List<TransactionView> transactions, Long nextCursor) {
    }

    /** How a money command's answer is made from its outcome ({@link #money(WalletReceipt, long, Instant)}). */
    public AnswerForm<MoneyResponse> money() {
        return moneyAnswer;
    }

    /** One wallet's answer, headed by the balance of the asset its command moved. */
    public MoneyResponse money(WalletReceipt receipt, long position, Instant processedAt) {
        Map<String, BalanceView> balances = new TreeMap<>();
        receipt.balances().forEach((code, balance) -> balances.put(code, view(balance, assets.require(code))));
        String currency = receipt.asset();
        String balance = currency == null ? null
                : AmountFormat.toDecimalString(receipt.balances().getOrDefault(currency, Balance.ZERO).available(), assets.require(currency));
        return new MoneyResponse(receipt.transactionId(), receipt.walletId().playerId(), currency, balance, balances, position,
                processedAt);
    }

    WalletResponse wallet(WalletView view) {
        Map<String, BalanceView> balances = new LinkedHashMap<>();
        for (AssetBalance balance : view.balances()) {
            balances.put(balance.asset(), view(new Balance(balance.availableMinor(), balance.reservedMinor()), assets.require(balance.asset())));
        }
        return new WalletResponse(view.playerId(), view.status(), balances);
    }

    /** A full page holds {@code limit} events; a play moving several assets has a line for each. */
    TransactionPage page(List<WalletTransaction> transactions, int limit) {
        List<TransactionView> views = transactions.stream().map(this::transaction).toList();
        long events = transactions.stream().mapToLong(WalletTransaction::walletSequence).distinct().count();
        Long nextCursor = events == limit ? transactions.get(transactions.size() - 1).walletSequence() : null;
        return new TransactionPage(views, nextCursor);
    }

    private TransactionView transaction(WalletTransaction row) {
        Asset asset = row.asset() == null ? null : assets.require(row.asset());
        return new TransactionView(row.transactionId(), row.partnerTransactionId(), row.kind(), row.asset(),
                decimal(row.availableChangeMinor(), asset), decimal(row.reservedChangeMinor(), asset),
                row.availableAfterMinor() == null ? null : decimal(row.availableAfterMinor(), asset),
                row.reservedAfterMinor() == null ? null : decimal(row.reservedAfterMinor(), asset),
                row.gameId(), row.roundId(), row.referenceId(), row.reason(), row.label(), row.globalPosition(), row.occurredAt());
    }

    private static BalanceView view(Balance balance, Asset asset) {
        return new BalanceView(AmountFormat.toDecimalString(balance.available(), asset),
                AmountFormat.toDecimalString(balance.reserved(), asset));
    }

    private static String decimal(long minorUnits, Asset asset) {
        return asset == null ? null : AmountFormat.toDecimalString(minorUnits, asset);
    }
}
