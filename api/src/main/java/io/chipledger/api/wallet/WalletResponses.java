package io.chipledger.api.wallet;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.idempotency.CommandOutcome;
import io.chipledger.api.idempotency.RecordedOutcome;
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
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Turns ledger figures (minor units) into the API's decimal strings in each asset's scale. */
@Component
public class WalletResponses {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final AssetRegistry assets;

    WalletResponses(AssetRegistry assets) {
        this.assets = assets;
    }

    public record BalanceView(String available, String reserved) {
    }

    /** The answer to every money command. */
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

    /** The HTTP answer to a money command; a replay says so in {@code Idempotent-Replayed}. */
    public ResponseEntity<MoneyResponse> answer(CommandOutcome outcome, String currency) {
        return replayable(outcome, money(outcome.recorded(), currency));
    }

    /** The HTTP answer to any command: {@code body}, and whether it was a replay in {@code Idempotent-Replayed}. */
    public static <T> ResponseEntity<T> replayable(CommandOutcome outcome, T body) {
        return ResponseEntity.ok().header(REPLAYED_HEADER, Boolean.toString(outcome.isReplayed())).body(body);
    }

    public MoneyResponse money(RecordedOutcome outcome, String currency) {
        return money((WalletReceipt) outcome.receipt(), outcome.position(), outcome.processedAt(), currency);
    }

    /** One wallet's answer; {@code currency}, when given, names the asset whose balance heads it. */
    public MoneyResponse money(WalletReceipt receipt, long position, Instant processedAt, String currency) {
        Map<String, BalanceView> balances = new TreeMap<>();
        receipt.balances().forEach((code, balance) -> balances.put(code, view(balance, assets.require(code))));
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
