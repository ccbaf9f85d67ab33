package io.chipledger.api.fate;

import io.chipledger.api.idempotency.IdempotencyKeys;
import io.chipledger.api.idempotency.IdempotencyKeys.KeyUse;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.core.wallet.BetClosure;
import io.chipledger.core.wallet.DecidedWithdrawal;
import io.chipledger.core.wallet.Fates;
import io.chipledger.core.wallet.RoundClose;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.fate.WalletFateProjection;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The wallet's {@link Fates}, from PostgreSQL: closures from {@code wallet_fate}
 * ({@link WalletFateProjection}), and what a partner's transaction id was used for from the
 * idempotency keys. Each answer is one lookup by primary key, in the transaction of the command
 * that asks (Axon injects this bean into the wallet's command handlers), so it also sees what
 * earlier groups committed; what the running group closed is still in the wallet's memory.
 */
@Component
class LedgerFates implements Fates {

    private final WalletFateProjection closures;
    private final IdempotencyKeys keys;

    LedgerFates(WalletFateProjection closures, IdempotencyKeys keys) {
        this.closures = closures;
        this.keys = keys;
    }

    @Override
    public Optional<BetClosure> closedBet(WalletId wallet, String betPartnerTransactionId) {
        return closures.closedBet(wallet, betPartnerTransactionId);
    }

    @Override
    public Optional<RoundClose> closedRound(WalletId wallet, String gameId, String roundId) {
        return closures.closedRound(wallet, gameId, roundId);
    }

    @Override
    public Optional<DecidedWithdrawal> decidedWithdrawal(WalletId wallet, String withdrawalPartnerTransactionId) {
        return closures.decidedWithdrawal(wallet, withdrawalPartnerTransactionId);
    }

    /**
     * A bet whose command has not completed is one of the running group, for this wallet (the
     * wallet would know it otherwise): the rollback is recorded and the bet refused when it runs.
     */
    @Override
    public Optional<String> otherUse(WalletId wallet, String partnerTransactionId) {
        Optional<KeyUse> use = keys.useOf(wallet.partnerId(), partnerTransactionId);
        if (use.isEmpty() || (WalletCommands.BET_OPERATION.equals(use.get().operation()) && !use.get().completed())) {
            return Optional.empty();
        }
        return Optional.of(describe(use.get().operation()));
    }

    private static String describe(String operation) {
        if (operation == null) {
            return "a transaction recorded before the ledger kept what each id names";
        }
        return switch (operation) {
            case WalletCommands.BET_OPERATION -> "a bet of another player's wallet";
            case "adjustment", "activity" -> "an " + operation;
            case "approve-withdrawal", "reject-withdrawal", "cancel-withdrawal", "expire-withdrawal" ->
                    "a decision on a withdrawal (" + operation + ")";
            default -> "a " + operation;
        };
    }
}
