package io.chipledger.analytics.kafka;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.asset.Asset;
import io.chipledger.core.ledger.Posting;
import io.chipledger.core.wallet.Balance;
import io.chipledger.core.wallet.BalanceAdjustedEvent;
import io.chipledger.core.wallet.BetPlacedEvent;
import io.chipledger.core.wallet.BetRolledBackEvent;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.FundsWithdrawnEvent;
import io.chipledger.core.wallet.MoneyMovedEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.PurchaseMadeEvent;
import io.chipledger.core.wallet.RoundMoneyEvent;
import io.chipledger.core.wallet.RewardReceivedEvent;
import io.chipledger.core.wallet.TokensGrantedEvent;
import io.chipledger.core.wallet.TokensRevokedEvent;
import io.chipledger.core.wallet.WinPaidEvent;
import io.chipledger.core.wallet.WithdrawalApprovedEvent;
import io.chipledger.core.wallet.WithdrawalReleasedEvent;
import io.chipledger.core.wallet.WithdrawalRequestedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * The data of a {@code wallet.transaction.created} message: one money movement of a wallet in one
 * asset, in the platforms' own shape ({@code transaction_id, player_id, partner_id, type, amount,
 * currency, status, created_at}, seeds 002 §3.3) with the ledger's exact figures beside it.
 * Amounts are decimal strings in the asset's scale (never floats) and minor units.
 *
 * @param eventId the message's id (the envelope's {@code event_id}, not repeated in the data): the ledger event's id, or for an event moving several assets (a
 *        play staking one token and paying another) a name-based UUID of {@code <event id>/<asset>}, so
 *        every message has its own id and a resent one the same
 * @param ledgerEventId the ledger event it comes from
 * @param type DEPOSIT, WITHDRAWAL, BET, WIN, ROLLBACK, ADJUSTMENT, TOKEN_GRANT, TOKEN_REVOKE, PLAY or PURCHASE
 * @param status COMPLETED; for a withdrawal's request PENDING, for its release REJECTED, CANCELLED or EXPIRED
 * @param currency the asset's code (a currency or a game token)
 * @param amount {@code amountMinor} as a decimal string, null when the asset is no longer configured
 * @param amountMinor the player's net change in the asset, without its sign; for a withdrawal's request
 *        and release, which only move money between the player's available and reserved balances, the
 *        amount moved
 * @param playerDeltaMinor the player's net change with its sign (available and reserved together)
 * @param balanceAfter the available balance after it, as a decimal string (null when the asset is unknown)
 * @param refersToPartnerTransactionId the partner's id of the withdrawal an approval or release decides, or of
 *        the bet a rollback refunds; null otherwise
 * @param gameId the game of a bet, win or rollback, else null
 * @param roundId the round of a bet, win or rollback, else null
 */
public record TransactionCreated(@JsonIgnore String eventId, String ledgerEventId, String transactionId, String partnerTransactionId,
                                 String partnerId, String playerId, String type, String status, String currency, String amount,
                                 long amountMinor, long playerDeltaMinor, String balanceAfter, String refersToPartnerTransactionId,
                                 String gameId, String roundId, Instant createdAt) {

    /** One per asset the event's postings touch, in the asset's alphabetical order. */
    static List<TransactionCreated> of(MoneyMovedEvent event, String ledgerEventId, Instant recordedAt,
                                       Function<String, Optional<Asset>> assets) {
        Map<String, long[]> byAsset = new TreeMap<>(); // {net player change, change of the reserved balance}
        for (Posting posting : event.postings()) {
            long[] sums = byAsset.computeIfAbsent(posting.asset(), asset -> new long[2]);
            if (posting.isPlayerAccount()) {
                sums[0] = Math.addExact(sums[0], posting.amountMinor());
            }
            if (posting.account().equals(Posting.PLAYER_RESERVED)) {
                sums[1] = Math.addExact(sums[1], posting.amountMinor());
            }
        }
        if (byAsset.isEmpty()) {
            // A stake or win of 0 moves nothing, and is still the round's fact: a line of 0 in its asset.
            byAsset.put(zeroAsset(event), new long[2]);
        }
        RoundMoneyEvent round = event instanceof RoundMoneyEvent ofRound ? ofRound : null;
        List<TransactionCreated> movements = new ArrayList<>(byAsset.size());
        for (Map.Entry<String, long[]> entry : byAsset.entrySet()) {
            String code = entry.getKey();
            long delta = entry.getValue()[0];
            long amountMinor = delta != 0 ? Math.abs(delta) : Math.abs(entry.getValue()[1]);
            Optional<Asset> asset = assets.apply(code);
            Balance after = event.balancesAfter().getOrDefault(code, Balance.ZERO);
            String eventId = byAsset.size() == 1 ? ledgerEventId
                    : UUID.nameUUIDFromBytes((ledgerEventId + "/" + code).getBytes(StandardCharsets.UTF_8)).toString();
            movements.add(new TransactionCreated(eventId, ledgerEventId, event.transactionId(), event.partnerTransactionId(),
                    event.walletId().partnerId(), event.walletId().playerId(), type(event), status(event), code,
                    asset.map(known -> AmountFormat.toDecimalString(amountMinor, known)).orElse(null), amountMinor, delta,
                    asset.map(known -> AmountFormat.toDecimalString(after.available(), known)).orElse(null), refersTo(event),
                    round == null ? null : round.gameId(), round == null ? null : round.roundId(), recordedAt));
        }
        return movements;
    }

    static String type(MoneyMovedEvent event) {
        if (event instanceof FundsDepositedEvent) {
            return "DEPOSIT";
        } else if (event instanceof FundsWithdrawnEvent || event instanceof WithdrawalRequestedEvent
                || event instanceof WithdrawalApprovedEvent || event instanceof WithdrawalReleasedEvent) {
            return "WITHDRAWAL";
        } else if (event instanceof BetPlacedEvent) {
            return "BET";
        } else if (event instanceof WinPaidEvent) {
            return "WIN";
        } else if (event instanceof BetRolledBackEvent) {
            return "ROLLBACK";
        } else if (event instanceof BalanceAdjustedEvent) {
            return "ADJUSTMENT";
        } else if (event instanceof TokensGrantedEvent) {
            return "TOKEN_GRANT";
        } else if (event instanceof TokensRevokedEvent) {
            return "TOKEN_REVOKE";
        } else if (event instanceof PlayRecordedEvent) {
            return "PLAY";
        } else if (event instanceof PurchaseMadeEvent) {
            return "PURCHASE";
        } else if (event instanceof RewardReceivedEvent) {
            return "REWARD";
        }
        // Every money event has a type here; a new one must be given its own before it is published.
        throw new IllegalArgumentException("no transaction type for " + event.getClass().getSimpleName());
    }

    private static String status(MoneyMovedEvent event) {
        if (event instanceof WithdrawalRequestedEvent) {
            return "PENDING";
        } else if (event instanceof WithdrawalReleasedEvent released) {
            return released.reason().name();
        }
        return "COMPLETED";
    }

    private static String refersTo(MoneyMovedEvent event) {
        if (event instanceof WithdrawalApprovedEvent approved) {
            return approved.withdrawalPartnerTransactionId();
        } else if (event instanceof WithdrawalReleasedEvent released) {
            return released.withdrawalPartnerTransactionId();
        } else if (event instanceof BetRolledBackEvent rollback) {
            return rollback.betPartnerTransactionId();
        } else if (event instanceof RewardReceivedEvent reward) {
            return reward.source().id();
        }
        return null;
    }

    /** The asset of an event that moved nothing: only a stake, win or rollback of 0 does that. */
    private static String zeroAsset(MoneyMovedEvent event) {
        if (event instanceof RoundMoneyEvent round) {
            return round.asset();
        }
        throw new IllegalArgumentException(event.getClass().getSimpleName() + " moved nothing and names no asset");
    }
}
