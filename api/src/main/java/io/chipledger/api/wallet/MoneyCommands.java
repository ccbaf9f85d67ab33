package io.chipledger.api.wallet;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.WalletRequests.BetRequest;
import io.chipledger.api.wallet.WalletRequests.DepositRequest;
import io.chipledger.api.wallet.WalletRequests.RollbackRequest;
import io.chipledger.api.wallet.WalletRequests.WinRequest;
import io.chipledger.api.wallet.WalletRequests.WithdrawalRequest;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.DepositFundsCommand;
import io.chipledger.core.wallet.PayWinCommand;
import io.chipledger.core.wallet.PlaceBetCommand;
import io.chipledger.core.wallet.RequestWithdrawalCommand;
import io.chipledger.core.wallet.RollbackBetCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WithdrawFundsCommand;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The partner's five money requests (deposit, withdrawal, bet, win, rollback), checked and made
 * into the wallet commands they send. One place for the single endpoints ({@link WalletController})
 * and the batch ({@link BatchController}), so a command sent alone and the same command in a batch
 * are checked alike and hash alike under their key: either replays the other.
 */
@Component
class MoneyCommands {

    /**
     * A checked money request, ready to send: its wallet, its idempotency key, the operation kept
     * with the key, the request as hashed for the key, and its command for the ledger's
     * transaction id (minted once per request by {@link WalletCommands}).
     */
    record MoneyCommand(WalletId wallet, String idempotencyKey, String operation, Object request,
                        Function<String, Object> commandForTransactionId) {
    }

    private final AssetRegistry assets;
    private final LedgerProperties properties;
    private final Clock clock;

    MoneyCommands(AssetRegistry assets, LedgerProperties properties, Clock clock) {
        this.assets = assets;
        this.properties = properties;
        this.clock = clock;
    }

    MoneyCommand deposit(PartnerPrincipal partner, String playerId, String keyHeader, DepositRequest body) {
        WalletId wallet = WalletController.walletOf(partner, playerId);
        AssetAmount amount = assets.amount("currency", body.currency(), body.amount());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return new MoneyCommand(wallet, key, "deposit", body,
                transactionId -> new DepositFundsCommand(wallet, transactionId, key, amount.asset(), amount.amountMinor()));
    }

    /** {@code mode}: {@code immediate} (absent) pays out at once; {@code two_phase} reserves until approved, rejected or expired. */
    MoneyCommand withdrawal(PartnerPrincipal partner, String playerId, String keyHeader, WithdrawalRequest body) {
        WalletId wallet = WalletController.walletOf(partner, playerId);
        AssetAmount amount = assets.amount("currency", body.currency(), body.amount());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        boolean twoPhase = twoPhase(body.mode());
        return new MoneyCommand(wallet, key, "withdrawal", body, transactionId -> twoPhase
                ? new RequestWithdrawalCommand(wallet, transactionId, key, amount.asset(), amount.amountMinor(),
                        clock.instant().plus(properties.withdrawalExpiry()))
                : new WithdrawFundsCommand(wallet, transactionId, key, amount.asset(), amount.amountMinor()));
    }

    /** A bet's or a win's money and round; an amount of zero is allowed (a free spin's bet, a losing round's win). */
    private record RoundMoney(String asset, long amountMinor, String gameId, String roundId) {
    }

    private RoundMoney roundMoney(String currency, BigDecimal amount, String gameId, String roundId) {
        Asset asset = assets.requested("currency", currency);
        return new RoundMoney(asset.code(), AmountFormat.toMinorUnitsOrZero(amount, asset), RequestFields.gameId("game_id", gameId),
                RequestFields.gameId("round_id", roundId));
    }

    MoneyCommand bet(PartnerPrincipal partner, String playerId, String keyHeader, BetRequest body) {
        WalletId wallet = WalletController.walletOf(partner, playerId);
        RoundMoney money = roundMoney(body.currency(), body.amount(), body.gameId(), body.roundId());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return new MoneyCommand(wallet, key, WalletCommands.BET_OPERATION, body, transactionId -> new PlaceBetCommand(wallet, transactionId,
                key, money.asset(), money.amountMinor(), money.gameId(), money.roundId()));
    }

    MoneyCommand win(PartnerPrincipal partner, String playerId, String keyHeader, WinRequest body) {
        WalletId wallet = WalletController.walletOf(partner, playerId);
        RoundMoney money = roundMoney(body.currency(), body.amount(), body.gameId(), body.roundId());
        String betId = RequestFields.optionalTransactionId("bet_transaction_id_partner", body.betTransactionIdPartner());
        boolean roundClosed = Boolean.TRUE.equals(body.roundClosed());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return new MoneyCommand(wallet, key, "win", body, transactionId -> new PayWinCommand(wallet, transactionId, key, money.asset(),
                money.amountMinor(), money.gameId(), money.roundId(), betId, roundClosed, partner.settlementPolicy()));
    }

    MoneyCommand rollback(PartnerPrincipal partner, String playerId, String keyHeader, RollbackRequest body) {
        WalletId wallet = WalletController.walletOf(partner, playerId);
        String betId = RequestFields.transactionId("rolled_back_transaction_id_partner", body.rolledBackTransactionIdPartner());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        return new MoneyCommand(wallet, key, "rollback", body,
                transactionId -> new RollbackBetCommand(wallet, transactionId, key, betId, partner.settlementPolicy()));
    }

    private static boolean twoPhase(String mode) {
        if (mode == null || mode.equals("immediate")) {
            return false;
        }
        if (mode.equals("two_phase")) {
            return true;
        }
        throw new InvalidRequestException("mode", "mode must be immediate or two_phase");
    }
}
